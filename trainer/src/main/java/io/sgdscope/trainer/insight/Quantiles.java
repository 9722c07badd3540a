package io.sgdscope.trainer.insight;

import java.util.Arrays;

/**
 * Order statistics of a sample, such as a window's margins: a sorted copy, so the caller's buffer
 * may be refilled at once.
 */
public final class Quantiles {

    private final double[] sorted;

    private Quantiles(double[] sorted) {
        this.sorted = sorted;
    }

    /**
     * The quantiles of {@code values[0, n)}, which are copied, not modified.
     *
     * @throws IllegalArgumentException if n is out of range or a value is not finite
     */
    public static Quantiles of(double[] values, int n) {
        Args.range(values.length, 0, n);
        double[] copy = Arrays.copyOf(values, n);
        for (int i = 0; i < n; i++) {
            Args.finite(copy[i], "values", i);
        }
        Arrays.sort(copy);
        return new Quantiles(copy);
    }

    /** Number of values. */
    public int count() {
        return sorted.length;
    }

    /** The smallest value; NaN when empty. */
    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    /** The largest value; NaN when empty. */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /**
     * The q-quantile by linear interpolation between order statistics (Hyndman and Fan's type 7,
     * R's and NumPy's default): with sorted x_0..x_{n−1} and h = (n − 1)·q, x_⌊h⌋ + (h − ⌊h⌋)·
     * (x_⌊h⌋+1 − x_⌊h⌋). So at(0) is the min, at(1) the max and at(0.5) the median. NaN when empty.
     *
     * @param q in [0, 1]
     */
    public double at(double q) {
        Args.within(q, 0, 1, "q");
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The fraction of values strictly below {@code x}; NaN when empty. */
    public double fractionBelow(double x) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x must not be NaN");
        }
        // first index whose value is >= x
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) lo / n;
    }
}

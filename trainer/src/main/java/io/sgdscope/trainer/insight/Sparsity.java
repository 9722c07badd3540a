package io.sgdscope.trainer.insight;

/** Sparsity of a range of weights, such as one layer's block of the flat parameter array. */
public final class Sparsity {

    private Sparsity() {
    }

    /**
     * Hoyer's sparsity (√n − ‖w‖₁/‖w‖₂)/(√n − 1) of {@code a[from, to)}, n = to − from: 1 for
     * a one-hot vector, 0 when every |w| is equal. Clamped to [0, 1] against rounding. NaN when
     * n &lt; 2 or every value is 0.
     *
     * @throws IllegalArgumentException if the range is out of bounds or a value is not finite
     */
    public static double hoyer(float[] a, int from, int to) {
        Args.range(a.length, from, to);
        int n = to - from;
        double l1 = 0;
        double l2 = 0;
        for (int i = from; i < to; i++) {
            float v = a[i];
            Args.finite(v, "a", i);
            l1 += Math.abs(v);
            l2 += (double) v * v;
        }
        if (n < 2 || l2 == 0) {
            return Double.NaN;
        }
        double sqrtN = Math.sqrt(n);
        double h = (sqrtN - l1 / Math.sqrt(l2)) / (sqrtN - 1);
        return Math.min(1, Math.max(0, h));
    }

    /**
     * The fraction of {@code a[from, to)} with |w| &lt; eps·max|w| (strictly below, so the largest
     * |w| never counts). An all-zero range is wholly near zero: 1. NaN for an empty range.
     *
     * @param eps in [0, 1]; 0 gives 0 unless the range is all zero
     * @throws IllegalArgumentException if the range is out of bounds, eps is out of range or a
     *                                  value is not finite
     */
    public static double nearZeroFraction(float[] a, int from, int to, double eps) {
        Args.range(a.length, from, to);
        Args.within(eps, 0, 1, "eps");
        int n = to - from;
        if (n == 0) {
            return Double.NaN;
        }
        float max = 0;
        for (int i = from; i < to; i++) {
            float v = a[i];
            Args.finite(v, "a", i);
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0) {
            return 1;
        }
        double cut = eps * max;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (Math.abs(a[i]) < cut) {
                count++;
            }
        }
        return (double) count / n;
    }
}

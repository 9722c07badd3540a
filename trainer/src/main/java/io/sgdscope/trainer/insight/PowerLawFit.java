package io.sgdscope.trainer.insight;

import java.util.Arrays;

/**
 * WeightWatcher's heavy-tail fit: a continuous power law p(λ) ∝ λ^-α for λ ≥ xmin, fitted to the
 * eigenvalues λ = σ² of a weight matrix's WᵀW (Clauset, Shalizi and Newman's method).
 *
 * <p>The eigenvalues are sorted; values ≤ 0 carry no tail information and are dropped. Every
 * distinct remaining value is a candidate xmin if at least {@code minTail} values are ≥ it
 * ({@link #MIN_TAIL} by default). For a candidate, over its tail λ_1..λ_n ≥ xmin:
 * <ul>
 *   <li>α = 1 + n / Σ ln(λ_i/xmin), the maximum-likelihood exponent (candidates whose tail is all
 *       equal to xmin, where the sum is 0, are skipped);</li>
 *   <li>the Kolmogorov-Smirnov distance between the tail's empirical CDF and the fitted Pareto CDF
 *       P(λ) = 1 − (λ/xmin)^(1−α): the largest gap at either side of each step.</li>
 * </ul>
 * The candidate with the smallest distance wins (the smaller xmin on a tie). With fewer than
 * {@code minTail} positive values, or no usable candidate, the fit is {@link #NONE}: α, xmin and
 * the distance NaN, tail 0.
 *
 * <p>Cost: O(n log n) for the sort plus O(n) per candidate for the distance, O(n²) in all; α per
 * candidate is O(1) from suffix sums of ln λ.
 */
public final class PowerLawFit {

    /**
     * Smallest tail a candidate xmin must leave: fewer points make the distance minimum noisy
     * (tiny tails fit anything) and α's standard error (α−1)/√n large.
     */
    public static final int MIN_TAIL = 10;

    /** The fit when there are too few values. */
    public static final Fit NONE = new Fit(Double.NaN, Double.NaN, Double.NaN, 0);

    /**
     * @param alpha the power-law exponent (> 1), NaN without a fit
     * @param xmin  the lower end of the fitted tail
     * @param ks    the Kolmogorov-Smirnov distance of the fit, in [0, 1]
     * @param tail  the number of values ≥ xmin the fit used
     */
    public record Fit(double alpha, double xmin, double ks, int tail) {

        /** True when there were enough values to fit. */
        public boolean isValid() {
            return tail > 0;
        }
    }

    private PowerLawFit() {
    }

    /** The fit with the default minimum tail, {@link #MIN_TAIL}. {@code eigenvalues} is not modified. */
    public static Fit fit(double[] eigenvalues) {
        return fit(eigenvalues, MIN_TAIL);
    }

    /**
     * The fit over candidates that leave at least {@code minTail} (≥ 2) values.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public static Fit fit(double[] eigenvalues, int minTail) {
        if (minTail < 2) {
            throw new IllegalArgumentException("minTail must be >= 2, got " + minTail);
        }
        for (int i = 0; i < eigenvalues.length; i++) {
            Args.finite(eigenvalues[i], "eigenvalues", i);
        }
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        int first = 0;
        while (first < sorted.length && sorted[first] <= 0) {
            first++;
        }
        int m = sorted.length - first;
        if (m < minTail) {
            return NONE;
        }
        double[] x = Arrays.copyOfRange(sorted, first, sorted.length);
        double[] logs = new double[m];
        for (int i = 0; i < m; i++) {
            logs[i] = Math.log(x[i]);
        }
        // suffix[i] = Σ_{k >= i} ln x_k
        double[] suffix = new double[m + 1];
        for (int i = m - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + logs[i];
        }
        Fit best = NONE;
        for (int start = 0; m - start >= minTail; start++) {
            if (start > 0 && x[start] == x[start - 1]) {
                continue; // not the first of its value: the same xmin and tail as the one before
            }
            int n = m - start;
            double lnMin = logs[start];
            double sumLog = suffix[start] - n * lnMin;
            if (!(sumLog > 0)) {
                continue;
            }
            double alpha = 1 + n / sumLog;
            double ks = distance(logs, start, lnMin, alpha);
            if (!best.isValid() || ks < best.ks()) {
                best = new Fit(alpha, x[start], ks, n);
            }
        }
        return best;
    }

    /** KS distance between the empirical CDF of logs[start..] and 1 − exp((1−α)(ln λ − ln xmin)). */
    private static double distance(double[] logs, int start, double lnMin, double alpha) {
        int n = logs.length - start;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp((1 - alpha) * (logs[start + i] - lnMin));
            double below = (double) i / n;
            double above = (double) (i + 1) / n;
            d = Math.max(d, Math.max(Math.abs(cdf - below), Math.abs(above - cdf)));
        }
        return d;
    }
}

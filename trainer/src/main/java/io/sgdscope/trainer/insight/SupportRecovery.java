package io.sgdscope.trainer.insight;

/**
 * How sparse a linear predictor β is and, when the true β* is known (sparse-regression sources),
 * how well its support recovers β*'s. For a {@code dln}, β = u⊙u − v⊙v.
 *
 * @param l1Norm      ‖β‖₁
 * @param supportSize #{i : |β_i| > threshold·max|β|}
 * @param precision   |support ∩ support(β*)| / |support|, where support(β*) = {i : β*_i ≠ 0};
 *                    NaN without β* or with an empty support
 * @param recall      |support ∩ support(β*)| / |support(β*)|; NaN without β* or when β* is zero
 */
public record SupportRecovery(double l1Norm, int supportSize, double precision, double recall) {

    /**
     * The support is {i : |β_i| > threshold·max|β|}, relative to the largest weight so that it
     * does not depend on β's scale (SGD never makes a weight exactly 0); a zero β has an empty
     * support.
     *
     * @param betaStar  the true coefficients, or null when the source does not expose them
     * @param threshold in [0, 1); 0 counts every non-zero weight
     * @throws IllegalArgumentException if the lengths differ, the threshold is out of range or a
     *                                  value is not finite
     */
    public static SupportRecovery of(float[] beta, float[] betaStar, double threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        if (betaStar != null && betaStar.length != beta.length) {
            throw new IllegalArgumentException("beta has " + beta.length + " values, betaStar " + betaStar.length);
        }
        double l1 = 0;
        float max = 0;
        for (int i = 0; i < beta.length; i++) {
            Args.finite(beta[i], "beta", i);
            float a = Math.abs(beta[i]);
            l1 += a;
            max = Math.max(max, a);
        }
        double cut = threshold * max;
        int support = 0;
        int truePositives = 0;
        int trueSupport = 0;
        for (int i = 0; i < beta.length; i++) {
            boolean in = max > 0 && Math.abs(beta[i]) > cut;
            boolean truth = false;
            if (betaStar != null) {
                Args.finite(betaStar[i], "betaStar", i);
                truth = betaStar[i] != 0;
            }
            if (in) {
                support++;
            }
            if (truth) {
                trueSupport++;
                if (in) {
                    truePositives++;
                }
            }
        }
        double precision = betaStar == null || support == 0 ? Double.NaN : (double) truePositives / support;
        double recall = betaStar == null || trueSupport == 0 ? Double.NaN : (double) truePositives / trueSupport;
        return new SupportRecovery(l1, support, precision, recall);
    }
}

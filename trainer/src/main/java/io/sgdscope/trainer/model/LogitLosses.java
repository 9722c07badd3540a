package io.sgdscope.trainer.model;

/**
 * Cross-entropy as a function of the logits, in a form that stays finite and keeps its gradient
 * when the output saturates. Both executors use these ({@code FastExecutor} directly, the DL4J
 * networks through {@code LogitCrossEntropyLoss}), so they train the same function.
 *
 * <p>Why from the logits: through the probability, the binary gradient is
 * {@code (p - y) / (p (1 - p)) * p (1 - p)}, and once the sigmoid rounds to exactly 0 or 1 the
 * second factor is 0: a confidently wrong sample gives no gradient and training freezes. From the
 * logit it is {@code p - y}, which is +-1 there.
 */
public final class LogitLosses {

    private LogitLosses() {
    }

    /** The logistic function, without overflow for either sign of {@code z}. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * Binary cross-entropy of logit {@code z} against {@code y} in [0, 1]:
     * {@code -y log s(z) - (1 - y) log(1 - s(z)) = max(z, 0) - y z + log1p(exp(-|z|))}.
     * Its derivative in {@code z} is {@code sigmoid(z) - y}.
     */
    public static double binaryCrossEntropy(double z, double y) {
        return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** {@code log sum_k exp(z_k)}, shifted by the maximum so no term overflows. */
    public static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** Softmax of {@code z} into {@code p}; may alias nothing but {@code p}. */
    public static void softmax(double[] z, double[] p) {
        double lse = logSumExp(z);
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - lse);
        }
    }

    /**
     * The gradient in {@code z} of {@code -sum_k y_k log softmax(z)_k}, which is
     * {@code (sum_k y_k) softmax(z) - y} ({@code p - y} for a one-hot {@code y}), into {@code g}.
     */
    public static void softmaxGradient(double[] z, double[] y, double[] g) {
        softmax(z, g);
        double mass = 0;
        for (double v : y) {
            mass += v;
        }
        for (int k = 0; k < z.length; k++) {
            g[k] = mass * g[k] - y[k];
        }
    }
}

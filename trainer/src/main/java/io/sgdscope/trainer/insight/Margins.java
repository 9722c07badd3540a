package io.sgdscope.trainer.insight;

/**
 * Per-sample classification margins from the output layer's logits (see
 * {@code FastExecutor.logits}). Positive means correctly classified, and the size is the
 * confidence in logit units.
 */
public final class Margins {

    private Margins() {
    }

    /**
     * The margin of one sample.
     * <ul>
     *   <li>binary (one logit z, label y in {0, 1}): (2y − 1)·z, the signed logit;</li>
     *   <li>multiclass (logits z, label y): z_y − max_{j≠y} z_j.</li>
     * </ul>
     *
     * @param logits the output layer's pre-activations: one value for binary (only
     *               {@code logits[0]} is read), at least two for multiclass (all are read)
     * @throws IllegalArgumentException if the label is out of range, there are too few logits or
     *                                  one is not finite
     */
    public static double of(float[] logits, int label, boolean binary) {
        if (binary) {
            if (logits.length < 1) {
                throw new IllegalArgumentException("a binary margin needs one logit, got none");
            }
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("a binary label is 0 or 1, got " + label);
            }
            Args.finite(logits[0], "logits", 0);
            return (2 * label - 1) * (double) logits[0];
        }
        if (logits.length < 2) {
            throw new IllegalArgumentException("a multiclass margin needs at least two logits, got " + logits.length);
        }
        if (label < 0 || label >= logits.length) {
            throw new IllegalArgumentException("label " + label + " is not a class index in [0, " + logits.length
                    + ")");
        }
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            Args.finite(logits[j], "logits", j);
            if (j != label) {
                other = Math.max(other, logits[j]);
            }
        }
        return logits[label] - other;
    }

    /**
     * The normalised margin margin/‖θ‖₂^L of an L-homogeneous net (bias-free ReLU or linear
     * layers, L weight layers; a dln is 2-homogeneous in (u, v)): scaling θ by c scales the logits
     * by c^L, so this ratio is scale-free. For other nets it has no such meaning.
     *
     * @throws IllegalArgumentException if the norm is not finite and > 0 or the degree is below 1
     */
    public static double normalized(double margin, double paramNorm, int degree) {
        if (!(paramNorm > 0) || Double.isInfinite(paramNorm)) {
            throw new IllegalArgumentException("paramNorm must be finite and > 0, got " + paramNorm);
        }
        if (degree < 1) {
            throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        }
        return margin / Math.pow(paramNorm, degree);
    }

    /** The Euclidean norm of the first {@code count} logits. */
    public static double logitNorm(float[] logits, int count) {
        Args.range(logits.length, 0, count);
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += (double) logits[i] * logits[i];
        }
        return Math.sqrt(s);
    }
}

package io.sgdscope.trainer.model;

/**
 * What a model says about one sample: class probabilities for a classifier, or a real value
 * for regression (then {@code probabilities} is empty).
 */
public record Prediction(double[] probabilities, double value) {

    public static Prediction ofProbabilities(double... probabilities) {
        return new Prediction(probabilities, Double.NaN);
    }

    public static Prediction ofValue(double value) {
        return new Prediction(new double[0], value);
    }

    /**
     * The prediction of an executor's output row ({@link ModelExecutor#output}): p1 of a sigmoid
     * becomes (1 − p1, p1), a softmax's probabilities are copied, a regression's value taken.
     */
    public static Prediction fromOutput(Task task, float[] output) {
        return switch (task.kind()) {
            case BINARY -> ofProbabilities(1 - output[0], output[0]);
            case MULTICLASS -> {
                double[] p = new double[task.outputs()];
                for (int k = 0; k < p.length; k++) {
                    p[k] = output[k];
                }
                yield ofProbabilities(p);
            }
            case REGRESSION -> ofValue(output[0]);
        };
    }

    public boolean isRegression() {
        return probabilities.length == 0;
    }

    public int predictedClass() {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }

    public double probabilityOf(int k) {
        return probabilities[k];
    }

    /**
     * The classifier's margin on class {@code y} in logit space: log p_y - max_{j != y} log p_j,
     * which equals f_y - max_{j != y} f_j for softmax logits f and y'·f for a sigmoid's logit f
     * with y' = +-1. Probabilities are floored at {@code 1e-15}, so the margin saturates near +-34.5.
     */
    public double margin(int y) {
        double other = 0;
        for (int k = 0; k < probabilities.length; k++) {
            if (k != y && probabilities[k] > other) {
                other = probabilities[k];
            }
        }
        return Math.log(Math.max(probabilities[y], MIN_PROBABILITY)) - Math.log(Math.max(other, MIN_PROBABILITY));
    }

    /** Floor of probabilities in logs, so one confident mistake stays finite. */
    public static final double MIN_PROBABILITY = 1e-15;
}

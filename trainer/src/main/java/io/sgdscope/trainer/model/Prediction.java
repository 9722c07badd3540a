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
}

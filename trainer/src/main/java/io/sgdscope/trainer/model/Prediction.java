package io.sgdscope.trainer.model;

/** Class probabilities for one sample. */
public record Prediction(double[] probabilities) {

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

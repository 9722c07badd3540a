package io.sgdscope.trainer.model;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;

/**
 * Binary logistic regression trained by plain SGD on the log loss, on float arrays: at batch size
 * 1 this is orders of magnitude faster than going through ND4J for each step.
 */
public final class LogisticRegression implements OnlineLearner {

    private final String name;
    private final float[] weights;
    private float bias;
    private final double learningRate;
    /** The prequential loop predicts a sample and then learns it; learn() reuses that forward pass. */
    private Sample lastPredicted;
    private double lastP1;

    public LogisticRegression(String name, int dimension, double learningRate) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        this.name = name;
        this.weights = new float[dimension];
        this.learningRate = learningRate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prediction predict(Sample sample) {
        double p1 = sigmoid(logit(sample.features()));
        lastPredicted = sample;
        lastP1 = p1;
        return new Prediction(new double[] {1 - p1, p1});
    }

    @Override
    public void learn(Sample sample) {
        float[] x = sample.features();
        double y = targetOf(sample.label());
        // predict() does not change the model, so its output for this same sample is still current
        double p1 = sample == lastPredicted ? lastP1 : sigmoid(logit(x));
        lastPredicted = null;
        // d/dz of the log loss of sigmoid(z) is sigmoid(z) - y
        float g = (float) (learningRate * (p1 - y));
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= g * x[i];
        }
        bias -= g;
    }

    private static double targetOf(Label label) {
        if (!(label instanceof Label.ClassIndex c) || c.index() < 0 || c.index() > 1) {
            throw new IllegalArgumentException("binary logistic regression needs class 0 or 1, got " + label);
        }
        return c.index();
    }

    private double logit(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Read-only copies for metrics and tests. */
    public float[] weights() {
        return weights.clone();
    }

    public float bias() {
        return bias;
    }
}

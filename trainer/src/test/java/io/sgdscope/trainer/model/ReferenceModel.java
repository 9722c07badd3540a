package io.sgdscope.trainer.model;

import java.util.List;

/**
 * Forward pass and loss in double precision, written from the definitions (not from either
 * executor), for finite-difference gradient checks. Slow and allocating; tests only.
 */
public final class ReferenceModel {

    private final ModelSpec spec;
    private final List<ParamLayout.Layer> layers;

    public ReferenceModel(ModelSpec spec) {
        this.spec = spec;
        this.layers = spec.layout().layers();
    }

    /** Mean loss over the batch at {@code p}. */
    public double loss(double[] p, Batch batch) {
        double sum = 0;
        for (int r = 0; r < batch.size(); r++) {
            sum += rowLoss(p, batch.features(r), batch.target(r));
        }
        return sum / batch.size();
    }

    /** Central differences of {@link #loss} with step h. */
    public double[] numericGradient(double[] p, Batch batch, double h) {
        double[] g = new double[p.length];
        double[] q = p.clone();
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i] + h;
            double up = loss(q, batch);
            q[i] = p[i] - h;
            double down = loss(q, batch);
            q[i] = p[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    public double[] logits(double[] p, float[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (ParamLayout.Layer layer : layers) {
            double[] z = new double[layer.nOut()];
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                for (int i = 0; i < layer.nIn(); i++) {
                    double u = p[layer.offset() + i];
                    double v = p[layer.offset() + layer.nIn() + i];
                    z[0] += (u * u - v * v) * a[i];
                }
            } else {
                for (int j = 0; j < layer.nOut(); j++) {
                    for (int i = 0; i < layer.nIn(); i++) {
                        z[j] += p[layer.weightIndex(i, j)] * a[i];
                    }
                    if (layer.bias()) {
                        z[j] += p[layer.biasOffset() + j];
                    }
                    switch (layer.activation()) {
                        case RELU -> z[j] = Math.max(0, z[j]);
                        case TANH -> z[j] = Math.tanh(z[j]);
                        case IDENTITY -> { }
                        default -> throw new IllegalStateException();
                    }
                }
            }
            a = z;
        }
        return a;
    }

    private double rowLoss(double[] p, float[] x, double y) {
        double[] z = logits(p, x);
        switch (spec.task().kind()) {
            case BINARY -> {
                double q = 1 / (1 + Math.exp(-z[0]));
                return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
            }
            case MULTICLASS -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double s = 0;
                for (double v : z) {
                    s += Math.exp(v - max);
                }
                return -(z[(int) y] - max - Math.log(s));
            }
            case REGRESSION -> {
                return (z[0] - y) * (z[0] - y);
            }
            default -> throw new IllegalStateException();
        }
    }
}

package io.sgdscope.producers.source.gen;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import io.sgdscope.producers.source.TeacherSource;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * {@code hyperplane}: the rotating hyperplane of Hulten et al. as in MOA's HyperplaneGenerator.
 * x ~ U[0, 1]^d, weights w_i ~ U[0, 1], y = 1[Σ w_i x_i ≥ ½ Σ w_i]. After every sample each of
 * the first {@code drift-features} weights moves by {@code magnitude} in its current direction,
 * and with probability {@code sigma} that direction reverses: incremental drift whose magnitude
 * and direction both change.
 *
 * <p>Parameters: {@code dimension} (default 10 here), {@code drift-features} (default 2),
 * {@code magnitude} (default 0.001), {@code sigma} (default 0.1).
 */
public final class HyperplaneSource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "hyperplane";

    private final double[] weights;
    private final int[] direction;
    private final int driftFeatures;
    private final double magnitude;
    private final double sigma;
    private final SplittableRandom inputs;
    private final SplittableRandom drift;

    public HyperplaneSource(String stream, int dimension, int driftFeatures, double magnitude, double sigma,
                            long seed, long inputSeed, LongSupplier clockMs) {
        this(stream, dimension, driftFeatures, magnitude, sigma, new SplittableRandom(seed), Seeds.inputs(inputSeed), clockMs);
    }

    private HyperplaneSource(String stream, int dimension, int driftFeatures, double magnitude, double sigma,
                             SplittableRandom root, SplittableRandom inputs, LongSupplier clockMs) {
        this(SourceSchema.classification(stream, dimension, 2), initialWeights(root.split(), dimension), driftFeatures,
                magnitude, sigma, inputs, clockMs);
    }

    private HyperplaneSource(SourceSchema schema, double[] weights, int driftFeatures, double magnitude, double sigma,
                             SplittableRandom root, LongSupplier clockMs) {
        super(schema.withTeacher(toFloat(weights)), clockMs);
        if (driftFeatures > weights.length) {
            throw new IllegalArgumentException("drift-features " + driftFeatures + " exceeds dimension " + weights.length);
        }
        this.weights = weights;
        this.driftFeatures = driftFeatures;
        this.magnitude = magnitude;
        this.sigma = sigma;
        this.direction = new int[weights.length];
        java.util.Arrays.fill(direction, 1);
        this.inputs = root.split();
        this.drift = root.split();
    }

    private static double[] initialWeights(SplittableRandom rng, int d) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = rng.nextDouble();
        }
        return w;
    }

    private static float[] toFloat(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return f;
    }

    /** A copy of the current weights. */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    protected Label draw(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) inputs.nextDouble();
        }
        Label y = label(x);
        for (int i = 0; i < driftFeatures; i++) {
            weights[i] += direction[i] * magnitude;
            if (drift.nextDouble() < sigma) {
                direction[i] = -direction[i];
            }
        }
        return y;
    }

    private double score(float[] x) {
        double s = 0;
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            s += weights[i] * x[i];
            total += weights[i];
        }
        return s - total / 2;
    }

    @Override
    public Label label(float[] x) {
        return Label.ofClass(score(x) >= 0 ? 1 : 0);
    }

    @Override
    public double margin(float[] x) {
        double norm = 0;
        for (double w : weights) {
            norm += w * w;
        }
        return Math.abs(score(x)) / Math.sqrt(norm);
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int d = p.settings().has(SourceContext.DIMENSION) ? p.dimension() : 10;
            return new HyperplaneSource(p.stream(), d, p.settings().intValue("drift-features", Math.min(2, d), 0, d),
                    p.settings().doubleValue("magnitude", 0.001, 0, 1), p.settings().doubleValue("sigma", 0.1, 0, 1), p.seed(), p.inputSeed(), p.clockMs());
        }
    }
}

package io.sgdscope.producers.source.gen;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.Gaussian;
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
 * {@code sparse-regression}: x ~ N(0, I_d), y = ⟨β*, x⟩ + σε with ε ~ N(0, 1) and a k-sparse β*
 * whose support is k distinct coordinates drawn uniformly and whose non-zero entries are
 * ±{@code amplitude} with random signs. β* is the schema's teacher, published on {@code drift.truth}
 * so the trainer can score support recovery.
 *
 * <p>Parameters: {@code dimension}, {@code sparsity} (k, default 5), {@code sigma} (σ, default 0.1),
 * {@code amplitude} (default 1), {@code teacher-seed} (a new β*).
 */
public final class SparseRegressionSource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "sparse-regression";

    private final float[] beta;
    private final double sigma;
    private final Gaussian inputs;
    private final Gaussian noise;

    public SparseRegressionSource(String stream, int dimension, int sparsity, double sigma, double amplitude,
                                  long seed, long inputSeed, Long teacherSeed, LongSupplier clockMs) {
        this(SourceSchema.regression(stream, dimension), sparsity, sigma, amplitude, new SplittableRandom(seed),
                teacherSeed, Seeds.inputs(inputSeed), clockMs);
    }

    private SparseRegressionSource(SourceSchema schema, int sparsity, double sigma, double amplitude,
                                   SplittableRandom root, Long teacherSeed, SplittableRandom inputs, LongSupplier clockMs) {
        this(schema, beta(teacherSeed == null ? root.split() : new SplittableRandom(teacherSeed), schema.dimension(),
                sparsity, amplitude), sigma, inputs, clockMs);
    }

    private SparseRegressionSource(SourceSchema schema, float[] beta, double sigma, SplittableRandom root,
                                   LongSupplier clockMs) {
        super(schema.withTeacher(beta), clockMs);
        this.beta = beta;
        this.sigma = sigma;
        this.inputs = new Gaussian(root.split());
        this.noise = new Gaussian(root.split());
    }

    /** k distinct coordinates by a partial Fisher–Yates shuffle. */
    static float[] beta(SplittableRandom rng, int d, int k, double amplitude) {
        if (k > d) {
            throw new IllegalArgumentException("sparsity " + k + " exceeds dimension " + d);
        }
        int[] idx = new int[d];
        for (int i = 0; i < d; i++) {
            idx[i] = i;
        }
        float[] b = new float[d];
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(d - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            b[idx[i]] = (float) (rng.nextBoolean() ? amplitude : -amplitude);
        }
        return b;
    }

    /** A copy of β*. */
    public float[] beta() {
        return beta.clone();
    }

    @Override
    protected Label draw(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) inputs.next();
        }
        return label(x);
    }

    @Override
    public Label label(float[] x) {
        return Label.ofTarget(dot(beta, x) + sigma * noise.next());
    }

    @Override
    public double margin(float[] x) {
        return Double.POSITIVE_INFINITY;
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int d = p.dimension();
            int k = p.settings().intValue("sparsity", Math.min(5, d), 1, d);
            Long teacherSeed = p.settings().has("teacher-seed") ? p.settings().longValue("teacher-seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            return new SparseRegressionSource(p.stream(), d, k, p.settings().doubleValue("sigma", 0.1, 0, 1e6),
                    p.settings().doubleValue("amplitude", 1, 1e-9, 1e6), p.seed(), p.inputSeed(), teacherSeed, p.clockMs());
        }
    }
}

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
 * {@code sparse-parity}: x uniform on {−1, +1}^n and y = 1 when the product of the k relevant bits
 * is +1 (an even number of them are −1). The relevant bits are k distinct coordinates drawn from
 * the seed; the schema's teacher is their indicator vector. After a covariate shift a bit counts
 * by its sign. {@link #margin} is the smallest magnitude among the relevant bits.
 *
 * <p>Parameters: {@code dimension} (n, default 20 here), {@code relevant} (k, default 3),
 * {@code teacher-seed} (other relevant bits).
 */
public final class SparseParitySource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "sparse-parity";

    private final int[] relevant;
    private final SplittableRandom rng;

    public SparseParitySource(String stream, int bits, int k, long seed, long inputSeed, Long teacherSeed,
                              LongSupplier clockMs) {
        this(SourceSchema.classification(stream, bits, 2), support(teacherSeed == null ? new SplittableRandom(seed).split()
                : new SplittableRandom(teacherSeed), bits, k), Seeds.inputs(inputSeed), clockMs);
    }

    private SparseParitySource(SourceSchema schema, float[] indicator, SplittableRandom inputs, LongSupplier clockMs) {
        super(schema.withTeacher(indicator), clockMs);
        int k = 0;
        for (float v : indicator) {
            k += v != 0 ? 1 : 0;
        }
        relevant = new int[k];
        for (int i = 0, j = 0; i < indicator.length; i++) {
            if (indicator[i] != 0) {
                relevant[j++] = i;
            }
        }
        rng = inputs;
    }

    private static float[] support(SplittableRandom rng, int n, int k) {
        float[] s = SparseRegressionSource.beta(rng, n, k, 1);
        for (int i = 0; i < n; i++) {
            s[i] = Math.abs(s[i]);
        }
        return s;
    }

    /** The relevant coordinates, ascending. */
    public int[] relevant() {
        return relevant.clone();
    }

    @Override
    protected Label draw(float[] x) {
        for (int i = 0; i < x.length; i += 64) {
            long bits = rng.nextLong();
            for (int j = i; j < Math.min(x.length, i + 64); j++) {
                x[j] = (bits & (1L << (j - i))) != 0 ? 1f : -1f;
            }
        }
        return label(x);
    }

    @Override
    public Label label(float[] x) {
        boolean positive = true;
        for (int i : relevant) {
            if (x[i] < 0) {
                positive = !positive;
            }
        }
        return Label.ofClass(positive ? 1 : 0);
    }

    @Override
    public double margin(float[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (int i : relevant) {
            m = Math.min(m, Math.abs(x[i]));
        }
        return m;
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int n = p.settings().has(SourceContext.DIMENSION) ? p.dimension() : 20;
            Long teacherSeed = p.settings().has("teacher-seed") ? p.settings().longValue("teacher-seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            return new SparseParitySource(p.stream(), n, p.settings().intValue("relevant", Math.min(3, n), 1, n), p.seed(),
                    p.inputSeed(), teacherSeed, p.clockMs());
        }
    }
}

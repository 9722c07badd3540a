package io.sgdscope.producers.source;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Linearly separable binary data: x ~ N(0, I_d), y = 1[⟨w*, x⟩ > 0] for a random unit teacher w*.
 * The teacher and the inputs draw from separate splits of the seed, so changing how many samples
 * are drawn never changes the teacher.
 */
public final class LinearTeacherSource implements SampleSource {

    private final SourceSchema schema;
    private final float[] teacher;
    private final SplittableRandom inputs;
    private final LongSupplier clock;
    private long count;

    public LinearTeacherSource(String stream, int dimension, long seed, LongSupplier clockMs) {
        this.schema = SourceSchema.classification(stream, dimension, 2);
        SplittableRandom root = new SplittableRandom(seed);
        this.teacher = unitGaussian(root.split(), dimension);
        this.inputs = root.split();
        this.clock = clockMs;
    }

    private static float[] unitGaussian(SplittableRandom rng, int d) {
        float[] w = new float[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            w[i] = (float) gaussian(rng);
            norm += w[i] * w[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < d; i++) {
            w[i] *= inv;
        }
        return w;
    }

    /** Box–Muller; SplittableRandom has no nextGaussian on Java 17. */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public SourceSchema schema() {
        return schema;
    }

    /** A copy of the teacher direction, for scoring what the model learns. */
    public float[] teacher() {
        return teacher.clone();
    }

    @Override
    public Optional<Sample> next() {
        int d = schema.dimension();
        float[] x = new float[d];
        double dot = 0;
        for (int i = 0; i < d; i++) {
            x[i] = (float) gaussian(inputs);
            dot += x[i] * teacher[i];
        }
        Label y = Label.ofClass(dot > 0 ? 1 : 0);
        String id = schema.stream() + "-" + count++;
        return Optional.of(new Sample(id, schema.stream(), clock.getAsLong(), x, y, new GroundTruth(y, false, 0)));
    }
}

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
 * {@code sea}: the SEA concepts of Street and Kim, as in MOA's SEAGenerator and River's
 * {@code synth.SEA}. x ~ U[0, 10]^3 and y = 1[x0 + x1 ≤ θ_f], θ = 8, 9, 7, 9.5 for functions 1 to 4;
 * the third feature is irrelevant. A phase's concept shift {@code function: N} switches abruptly
 * (or gradually, by transition) to another function.
 *
 * <p>Parameters: {@code function} (1-4, default 1). The dimension is always 3.
 */
public final class SeaSource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "sea";
    static final double[] THRESHOLDS = {8, 9, 7, 9.5};

    private final double threshold;
    private final SplittableRandom rng;

    public SeaSource(String stream, int function, long seed, LongSupplier clockMs) {
        super(SourceSchema.classification(stream, 3, 2).withTeacher(new float[] {1, 1, 0}), clockMs);
        if (function < 1 || function > THRESHOLDS.length) {
            throw new IllegalArgumentException("SEA function must be 1-4, got " + function);
        }
        this.threshold = THRESHOLDS[function - 1];
        this.rng = Seeds.inputs(seed);
    }

    @Override
    protected Label draw(float[] x) {
        for (int i = 0; i < 3; i++) {
            x[i] = (float) (10 * rng.nextDouble());
        }
        return label(x);
    }

    @Override
    public Label label(float[] x) {
        return Label.ofClass(x[0] + x[1] <= threshold ? 1 : 0);
    }

    @Override
    public double margin(float[] x) {
        return Math.abs(x[0] + x[1] - threshold) / Math.sqrt(2);
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            return new SeaSource(p.stream(), p.settings().intValue("function", 1, 1, 4), p.inputSeed(), p.clockMs());
        }
    }
}

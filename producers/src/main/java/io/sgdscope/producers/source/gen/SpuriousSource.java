package io.sgdscope.producers.source.gen;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * {@code spurious}: an environment in which one feature agrees with the label with probability ρ.
 * y ~ Bernoulli(½) and s = 2y − 1. The first {@code core-features} coordinates carry the invariant
 * signal, x_i = s·{@code core-strength} + N(0, 1); the last coordinate is the spurious feature,
 * x_{d−1} = ±1 + N(0, {@code spurious-noise}²) with sign s with probability ρ and −s otherwise;
 * the rest is N(0, 1) noise. ρ = 0.5 makes it uninformative, ρ &lt; 0.5 anti-correlated. A phase's
 * {@code spurious: {rho: ...}} shift moves to another environment.
 *
 * <p>Parameters: {@code dimension} (default 10 here), {@code rho} (default 0.9), {@code core-features}
 * (default 1), {@code core-strength} (default 0.5), {@code spurious-noise} (default 0.1).
 */
public final class SpuriousSource extends SyntheticSource {

    public static final String NAME = "spurious";

    private final double rho;
    private final int core;
    private final double coreStrength;
    private final double spuriousNoise;
    private final Gaussian rng;

    public SpuriousSource(String stream, int dimension, double rho, int coreFeatures, double coreStrength,
                          double spuriousNoise, long seed, LongSupplier clockMs) {
        super(SourceSchema.classification(stream, dimension, 2).withTeacher(coreIndicator(dimension, coreFeatures)), clockMs);
        if (coreFeatures >= dimension) {
            throw new IllegalArgumentException("core-features " + coreFeatures + " must be < dimension " + dimension);
        }
        this.rho = rho;
        this.core = coreFeatures;
        this.coreStrength = coreStrength;
        this.spuriousNoise = spuriousNoise;
        this.rng = new Gaussian(Seeds.inputs(seed));
    }

    private static float[] coreIndicator(int d, int core) {
        float[] w = new float[d];
        for (int i = 0; i < Math.min(core, d); i++) {
            w[i] = 1;
        }
        return w;
    }

    public double rho() {
        return rho;
    }

    @Override
    protected Label draw(float[] x) {
        int y = rng.rng().nextBoolean() ? 1 : 0;
        int s = 2 * y - 1;
        for (int i = 0; i < x.length - 1; i++) {
            x[i] = (float) ((i < core ? s * coreStrength : 0) + rng.next());
        }
        int sign = rng.rng().nextDouble() < rho ? s : -s;
        x[x.length - 1] = (float) (sign + spuriousNoise * rng.next());
        return Label.ofClass(y);
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int d = p.settings().has(SourceContext.DIMENSION) ? p.dimension() : 10;
            return new SpuriousSource(p.stream(), d, p.settings().doubleValue("rho", 0.9, 0, 1), p.settings().intValue("core-features", 1, 0, d - 1),
                    p.settings().doubleValue("core-strength", 0.5, 0, 1e6), p.settings().doubleValue("spurious-noise", 0.1, 0, 1e6),
                    p.inputSeed(), p.clockMs());
        }
    }
}

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
 * {@code gaussian-mixture}: y ~ priors (uniform by default) over k classes, x = μ_y + N(0, I) with
 * class means μ_c = separation · (random unit vector).
 *
 * <p>Parameters: {@code dimension}, {@code classes} (k, default 3), {@code separation} (default 2),
 * {@code priors} (list of k probabilities).
 */
public final class GaussianMixtureSource extends SyntheticSource {

    public static final String NAME = "gaussian-mixture";

    private final float[][] means;
    private final double[] cumulative;
    private final Gaussian rng;

    public GaussianMixtureSource(String stream, int dimension, int classes, double separation, double[] priors,
                                 long seed, long inputSeed, LongSupplier clockMs) {
        super(SourceSchema.classification(stream, dimension, classes), clockMs);
        SplittableRandom root = new SplittableRandom(seed);
        Gaussian meansRng = new Gaussian(root.split());
        means = new float[classes][];
        for (int c = 0; c < classes; c++) {
            means[c] = meansRng.unitVector(dimension);
            for (int i = 0; i < dimension; i++) {
                means[c][i] *= (float) separation;
            }
        }
        cumulative = Priors.cumulative(priors == null ? Priors.uniform(classes) : priors, classes);
        rng = new Gaussian(Seeds.inputs(inputSeed));
    }

    /** A copy of the mean of class {@code c}. */
    public float[] mean(int c) {
        return means[c].clone();
    }

    @Override
    protected Label draw(float[] x) {
        int y = Priors.draw(cumulative, rng.rng());
        float[] mu = means[y];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (mu[i] + rng.next());
        }
        return Label.ofClass(y);
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            int k = p.settings().intValue("classes", 3, 2, 1000);
            double[] priors = p.settings().doubles("priors", 0, 1);
            if (priors != null) {
                Priors.validate(priors, k, p, "priors");
            }
            return new GaussianMixtureSource(p.stream(), p.dimension(), k, p.settings().doubleValue("separation", 2, 0, 1e6),
                    priors, p.seed(), p.inputSeed(), p.clockMs());
        }
    }
}

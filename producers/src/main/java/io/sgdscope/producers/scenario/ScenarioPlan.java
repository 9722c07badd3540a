package io.sgdscope.producers.scenario;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.ImageSource;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceProviders;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.gen.Priors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A {@link ScenarioSpec} checked against the sources it opens: every phase made concrete, with the
 * source, feature transform, priors and label noise it inherits or sets. Building it is where every
 * check that needs the source happens (shapes of concept shifts, prior lengths, image transforms,
 * noise for the task), so a bad scenario fails at start-up naming the key. Its structure does not
 * change after that; the sources it holds are the stateful part, and closing the plan closes them.
 */
final class ScenarioPlan implements AutoCloseable {

    /**
     * One phase made concrete. {@code cumulativePriors} is null when the source's own priors apply;
     * {@code noiseRng} is the phase's own label-noise stream, split from the scenario seed.
     */
    record Phase(int id, SampleSource source, FeatureTransform transform, double[] priors, double[] cumulativePriors,
                 LabelNoise noise, Gaussian noiseRng) {

        /**
         * The incremental mixture at fraction {@code f} from {@code from} to {@code to}: transform and
         * priors interpolated, phase id {@code to}'s, source and noise (and its stream) those of {@code drawFrom}.
         */
        static Phase between(Phase from, Phase to, Phase drawFrom, double f) {
            double[] priors = interpolate(from.priors, to.priors, f);
            return new Phase(to.id, drawFrom.source, FeatureTransform.between(from.transform, to.transform, f), priors,
                    priors == null ? null : Priors.cumulative(priors, priors.length), drawFrom.noise, drawFrom.noiseRng);
        }

        /** Priors on the way from {@code a} to {@code b}; a missing side counts as uniform. */
        private static double[] interpolate(double[] a, double[] b, double f) {
            if (a == null && b == null) {
                return null;
            }
            int k = a == null ? b.length : a.length;
            double[] u = Priors.uniform(k);
            double[] from = a == null ? u : a;
            double[] to = b == null ? u : b;
            double[] out = new double[k];
            for (int i = 0; i < k; i++) {
                out[i] = from[i] + f * (to[i] - from[i]);
            }
            return out;
        }
    }

    /**
     * Where feature transforms act: the plane a rotation turns (two orthonormal directions drawn
     * from the seed) and the image shape for image transforms (0 × 0 when the source has none).
     */
    record Frame(float[] planeU, float[] planeV, int imageRows, int imageCols) {

        void apply(FeatureTransform t, float[] x) {
            t.apply(x, planeU, planeV, imageRows, imageCols);
        }
    }

    private final SourceSchema schema;
    private final Frame frame;
    private final List<PhaseSpec> specs;
    private final List<Phase> phases;

    private ScenarioPlan(SourceSchema schema, Frame frame, List<PhaseSpec> specs, List<Phase> phases) {
        this.schema = schema;
        this.frame = frame;
        this.specs = List.copyOf(specs);
        this.phases = List.copyOf(phases);
    }

    /**
     * Opens the source of every phase and checks the scenario against them; on a problem closes
     * what it opened and throws a {@link ConfigException} naming the key.
     *
     * @param seed    the scenario seed; {@code source.seed} overrides it for the source's model
     * @param clockMs the time of the sample being drawn, which sources stamp on their samples
     * @param plane   draws the rotation plane
     */
    static ScenarioPlan open(ScenarioSpec spec, SourceProviders providers, String stream, long seed, int defaultDimension,
                             LongSupplier clockMs, Gaussian plane) {
        long sourceSeed = spec.sourceConfig().longValue(SourceContext.key(SourceContext.SEED), seed, Long.MIN_VALUE, Long.MAX_VALUE);
        SourceContext base = SourceContext.of(spec.sourceConfig(), stream, sourceSeed, clockMs, defaultDimension);
        List<SampleSource> opened = new ArrayList<>();
        try {
            SampleSource first = providers.create(base);
            opened.add(first);
            SourceSchema schema = first.schema();
            Frame frame = frame(first, schema, plane);
            Map<String, ConfigValue> overrides = new LinkedHashMap<>();
            SampleSource source = first;
            FeatureTransform transform = FeatureTransform.IDENTITY;
            double[] priors = null;
            NoiseSpec noise = NoiseSpec.NONE;
            List<Phase> phases = new ArrayList<>();
            for (PhaseSpec p : spec.phases()) {
                if (p.changesSource()) {
                    overrides.putAll(p.concept());
                    overrides.putAll(p.spurious());
                    source = providers.create(base.withOverrides(overrides, Seeds.derive(sourceSeed, 100 + p.id())));
                    opened.add(source);
                    checkSameShape(p, schema, source.schema());
                }
                if (p.covariate() != null) {
                    transform = p.covariate().over(transform, schema.dimension());
                    checkTransform(p, transform, schema, frame);
                }
                if (p.priors() != null) {
                    checkPriors(p, schema);
                    priors = p.priors();
                }
                if (p.noise() != null) {
                    noise = p.noise();
                }
                phases.add(new Phase(p.id(), source, transform, priors,
                        priors == null ? null : Priors.cumulative(priors, priors.length), noise.build(source),
                        new Gaussian(new SplittableRandom(Seeds.derive(seed, 200 + p.id())))));
            }
            return new ScenarioPlan(schema, frame, spec.phases(), phases);
        } catch (RuntimeException e) {
            opened.forEach(SampleSource::close);
            throw e;
        }
    }

    private static Frame frame(SampleSource first, SourceSchema schema, Gaussian plane) {
        float[] u = plane.unitVector(schema.dimension());
        float[] v = orthogonalise(u, plane.unitVector(schema.dimension()));
        return first instanceof ImageSource img ? new Frame(u, v, img.imageRows(), img.imageColumns()) : new Frame(u, v, 0, 0);
    }

    private static void checkSameShape(PhaseSpec p, SourceSchema schema, SourceSchema s) {
        if (s.dimension() != schema.dimension() || s.task() != schema.task() || s.classes() != schema.classes()) {
            throw new ConfigException(p.key() + ".shift", "a concept or spurious shift must keep the source's shape ("
                    + schema.dimension() + " features, " + schema.classes() + " classes), got " + s.dimension()
                    + " features, " + s.classes() + " classes");
        }
    }

    private static void checkTransform(PhaseSpec p, FeatureTransform transform, SourceSchema schema, Frame frame) {
        if (transform.touchesImages() && frame.imageRows() == 0) {
            throw new ConfigException(p.covariate().key(), "image-rotation and brightness need an image source (idx)");
        }
        if (transform.rotation() != 0 && schema.dimension() < 2) {
            throw new ConfigException(p.covariate().key() + ".rotation", "needs at least 2 features");
        }
    }

    private static void checkPriors(PhaseSpec p, SourceSchema schema) {
        if (!schema.isClassification()) {
            throw new ConfigException(p.key() + ".shift.prior", "a prior shift needs a classification source");
        }
        if (p.priors().length != schema.classes()) {
            throw new ConfigException(p.key() + ".shift.prior", "needs " + schema.classes()
                    + " class probabilities, got " + p.priors().length);
        }
    }

    private static float[] orthogonalise(float[] u, float[] v) {
        double d = 0;
        for (int i = 0; i < u.length; i++) {
            d += u[i] * v[i];
        }
        double norm = 0;
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = (float) (v[i] - d * u[i]);
            norm += out[i] * out[i];
        }
        double inv = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < u.length; i++) {
            out[i] *= (float) inv;
        }
        return out;
    }

    /** The first phase's source's schema; every phase keeps its shape. */
    SourceSchema schema() {
        return schema;
    }

    Frame frame() {
        return frame;
    }

    /** The phases as configured, for the {@link TransitionSchedule}. */
    List<PhaseSpec> specs() {
        return specs;
    }

    Phase phase(int id) {
        return phases.get(id);
    }

    /** Closes every phase's source once. */
    @Override
    public void close() {
        Set<SampleSource> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Phase p : phases) {
            if (closed.add(p.source())) {
                p.source().close();
            }
        }
    }
}

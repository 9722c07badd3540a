package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.ImageSource;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SourceParams;
import io.sgdscope.producers.source.SourceProviders;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import io.sgdscope.producers.source.TeacherSource;
import io.sgdscope.producers.source.gen.Priors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a {@link ScenarioSpec}: draws from the configured source and, phase by phase, applies the
 * shifts, transitions and label noise, numbers the samples {@code stream-0, stream-1, ...}, stamps
 * each with its clean label, noisy flag and phase, and reports every phase change to a listener
 * (the {@code drift.truth} sink) just before the first sample it may affect.
 *
 * <p>Per sample: pick the state (phase) by the transition; draw from that state's source; apply its
 * feature transform; if the source has a teacher, relabel the moved point (so a covariate shift
 * keeps P(y|x)); under a prior shift keep drawing (buffering other classes) until the class drawn
 * from the new priors comes up; then apply the phase's label noise.
 *
 * <p>Transitions, for a phase starting at sample s with width w:
 * <ul>
 *   <li>abrupt: the new phase from s on;</li>
 *   <li>gradual: sample t is from the new phase with probability 1 / (1 + exp(−4(t − s − w/2)/w)),
 *   MOA's ConceptDriftStream sigmoid centred in the window, and always after s + w;</li>
 *   <li>incremental: the feature transform and class priors move linearly from the old to the new
 *   values over [s, s + w]; a new source (concept) and new noise are used with probability (t − s)/w;</li>
 *   <li>recurring: the new and the previous phase alternate every {@code period} samples until the
 *   next phase; every switch is reported, with the phase id of the one that returns.</li>
 * </ul>
 * A phase with a time start begins with the first sample drawn at or after that time since the
 * stream's first sample. Deterministic for a seed, given the same clock readings for time starts.
 */
public final class ScenarioSource implements SampleSource {

    /** Draws a prior shift may spend looking for a class before it gives up. */
    static final int MAX_PRIOR_DRAWS = 100_000;
    /** Samples of unwanted classes kept per class and source under a prior shift; older ones are dropped. */
    static final int MAX_BUFFERED_PER_CLASS = 10_000;

    private final SourceSchema schema;
    private final List<State> states = new ArrayList<>();
    private final List<PhaseSpec> phases;
    private final ScenarioSpec spec;
    private final Consumer<DriftEvent> truth;
    private final LongSupplier clockMs;
    private final SplittableRandom mix;
    private final float[] planeU;
    private final float[] planeV;
    private final int imageRows;
    private final int imageCols;
    private final Map<SampleSource, Map<Integer, ArrayDeque<Drawn>>> buffers = new IdentityHashMap<>();
    private final String idPrefix;

    private long index;
    private long now;
    private long startMs = Long.MIN_VALUE;
    private int active = -1;
    private long activeStart;
    private boolean ended;

    /** One phase made concrete: its source, transform, priors and noise. */
    private record State(int phase, SampleSource source, FeatureTransform transform, double[] priors,
                         double[] cumulativePriors, LabelNoise noise, Gaussian noiseRng) {
    }

    private record Drawn(float[] x, Label clean) {
    }

    /**
     * Opens the source and every phase's source, checking the whole scenario against them. The
     * caller owns the returned source; closing it closes every phase's source.
     *
     * @param seed    the scenario seed; {@code source.seed} overrides it for the source's model
     * @param truth   receives each phase change; called on the thread that calls {@link #next()}
     */
    public ScenarioSource(ScenarioSpec spec, SourceProviders providers, String stream, long seed, int defaultDimension,
                          LongSupplier clockMs, Consumer<DriftEvent> truth) {
        this.spec = spec;
        this.phases = spec.phases();
        this.truth = truth;
        this.clockMs = clockMs;
        this.idPrefix = stream + "-";
        long sourceSeed = spec.sourceConfig().longValue(SourceParams.key(SourceParams.SEED), seed, Long.MIN_VALUE, Long.MAX_VALUE);
        // sources read the time of the sample being drawn, so each sample reads the clock once
        SourceParams base = new SourceParams(spec.sourceConfig(), stream, sourceSeed, () -> now, defaultDimension);
        SampleSource first = providers.create(base);
        try {
            this.schema = first.schema();
            if (first instanceof ImageSource img) {
                imageRows = img.imageRows();
                imageCols = img.imageColumns();
            } else {
                imageRows = 0;
                imageCols = 0;
            }
            SplittableRandom root = new SplittableRandom(Seeds.derive(seed, 1));
            this.mix = root.split();
            Gaussian plane = new Gaussian(root.split());
            this.planeU = plane.unitVector(schema.dimension());
            float[] v = plane.unitVector(schema.dimension());
            this.planeV = orthogonalise(planeU, v);
            Map<String, ConfigValue> overrides = new LinkedHashMap<>();
            SampleSource source = first;
            FeatureTransform transform = FeatureTransform.IDENTITY;
            double[] priors = null;
            NoiseSpec noise = NoiseSpec.NONE;
            for (PhaseSpec p : phases) {
                if (p.changesSource()) {
                    overrides.putAll(p.concept());
                    overrides.putAll(p.spurious());
                    source = providers.create(base.withOverrides(overrides, Seeds.derive(sourceSeed, 100 + p.id())));
                    checkSameShape(p, source.schema());
                }
                if (p.covariate() != null) {
                    transform = p.covariate().over(transform, schema.dimension());
                    if (transform.touchesImages() && imageRows == 0) {
                        throw new ConfigException(p.covariate().key(), "image-rotation and brightness need an image source (idx)");
                    }
                    if (transform.rotation() != 0 && schema.dimension() < 2) {
                        throw new ConfigException(p.covariate().key() + ".rotation", "needs at least 2 features");
                    }
                }
                if (p.priors() != null) {
                    if (!schema.isClassification()) {
                        throw new ConfigException(p.key() + ".shift.prior", "a prior shift needs a classification source");
                    }
                    if (p.priors().length != schema.classes()) {
                        throw new ConfigException(p.key() + ".shift.prior", "needs " + schema.classes()
                                + " class probabilities, got " + p.priors().length);
                    }
                    priors = p.priors();
                }
                if (p.noise() != null) {
                    noise = p.noise();
                }
                states.add(new State(p.id(), source, transform, priors,
                        priors == null ? null : Priors.cumulative(priors, priors.length), noise.build(source),
                        new Gaussian(new SplittableRandom(Seeds.derive(seed, 200 + p.id())))));
            }
        } catch (RuntimeException e) {
            if (states.isEmpty()) {
                first.close();
            }
            close();
            throw e;
        }
    }

    /**
     * The scenario of a resolved config ({@code source:}, {@code phases:}, {@code scenario:}) with the
     * stream, seed and default dimension of {@code producer:}, using the providers on the class path.
     */
    public static ScenarioSource open(io.sgdscope.common.config.RawConfig raw, io.sgdscope.producers.ProduceConfig cfg,
                                      LongSupplier clockMs, Consumer<DriftEvent> truth) {
        return new ScenarioSource(ScenarioSpec.from(raw), SourceProviders.onClassPath(), cfg.stream(), cfg.seed(),
                cfg.dimension(), clockMs, truth);
    }

    private void checkSameShape(PhaseSpec p, SourceSchema s) {
        if (s.dimension() != schema.dimension() || s.task() != schema.task() || s.classes() != schema.classes()) {
            throw new ConfigException(p.key() + ".shift", "a concept or spurious shift must keep the source's shape ("
                    + schema.dimension() + " features, " + schema.classes() + " classes), got " + s.dimension()
                    + " features, " + s.classes() + " classes");
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

    @Override
    public SourceSchema schema() {
        return schema;
    }

    /** The index the next sample will get. */
    public long index() {
        return index;
    }

    /** The phase most recently begun. */
    public int activePhase() {
        return Math.max(active, 0);
    }

    @Override
    public Optional<Sample> next() {
        if (ended) {
            return Optional.empty();
        }
        now = clockMs.getAsLong();
        if (startMs == Long.MIN_VALUE) {
            startMs = now;
        }
        long elapsed = now - startMs;
        if ((spec.endIndex() >= 0 && index >= spec.endIndex())
                || (spec.endTime() != null && elapsed >= spec.endTime().toMillis())) {
            ended = true;
            return Optional.empty();
        }
        while (active + 1 < phases.size() && begins(phases.get(active + 1), elapsed)) {
            active++;
            activeStart = index;
            publish(phases.get(active), states.get(active), now);
        }
        State state = current(now);
        Drawn d = draw(state);
        if (d == null) {
            ended = true;
            return Optional.empty();
        }
        long i = index++;
        if (d.clean == null) {
            return Optional.of(new Sample(idPrefix + i, schema.stream(), now, d.x, null, null, i));
        }
        Label observed = state.noise.apply(d.clean, d.x, state.source instanceof TeacherSource t ? t : null, state.noiseRng);
        return Optional.of(new Sample(idPrefix + i, schema.stream(), now, d.x, observed,
                new GroundTruth(d.clean, !observed.equals(d.clean), state.phase), i));
    }

    private boolean begins(PhaseSpec p, long elapsedMs) {
        return p.startTime() == null ? index >= p.startIndex() : elapsedMs >= p.startTime().toMillis();
    }

    private void publish(PhaseSpec p, State s, long now) {
        DriftEvent.Transition tr = p.transition();
        long end = tr == DriftEvent.Transition.GRADUAL || tr == DriftEvent.Transition.INCREMENTAL ? index + p.width() : index;
        truth.accept(new DriftEvent(schema.stream(), index, now, p.kind(), p.id(), tr, index, end, s.source.schema().teacher()));
    }

    private State current(long now) {
        State to = states.get(active);
        if (active == 0) {
            return to;
        }
        State from = states.get(active - 1);
        PhaseSpec p = phases.get(active);
        long t = index - activeStart;
        switch (p.transition()) {
            case GRADUAL: {
                if (t >= p.width()) {
                    return to;
                }
                double prob = 1 / (1 + Math.exp(-4.0 * (t - p.width() / 2.0) / p.width()));
                return mix.nextDouble() < prob ? to : from;
            }
            case INCREMENTAL: {
                if (t >= p.width()) {
                    return to;
                }
                double f = (double) t / p.width();
                State base = mix.nextDouble() < f ? to : from;
                FeatureTransform tf = FeatureTransform.between(from.transform, to.transform, f);
                double[] priors = between(from.priors, to.priors, f);
                return new State(to.phase, base.source, tf, priors,
                        priors == null ? null : Priors.cumulative(priors, priors.length), base.noise, base.noiseRng);
            }
            case RECURRING: {
                long k = t / p.period();
                if (t > 0 && t % p.period() == 0) {
                    State back = k % 2 == 0 ? to : from;
                    truth.accept(new DriftEvent(schema.stream(), index, now, p.kind(), back.phase,
                            DriftEvent.Transition.RECURRING, index, index, back.source.schema().teacher()));
                }
                return k % 2 == 0 ? to : from;
            }
            default:
                return to;
        }
    }

    private static double[] between(double[] a, double[] b, double f) {
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

    /** The next clean (x, y) of {@code s}, or null when its source is exhausted. */
    private Drawn draw(State s) {
        if (s.cumulativePriors == null) {
            return drawOne(s);
        }
        int wanted = Priors.draw(s.cumulativePriors, mix);
        Map<Integer, ArrayDeque<Drawn>> byClass = buffers.computeIfAbsent(s.source, k -> new LinkedHashMap<>());
        ArrayDeque<Drawn> queue = byClass.get(wanted);
        if (queue != null && !queue.isEmpty()) {
            return queue.poll();
        }
        for (int tries = 0; tries < MAX_PRIOR_DRAWS; tries++) {
            Drawn d = drawOne(s);
            if (d == null) {
                return null;
            }
            int c = ((Label.ClassIndex) d.clean).index();
            if (c == wanted) {
                return d;
            }
            ArrayDeque<Drawn> q = byClass.computeIfAbsent(c, k -> new ArrayDeque<>());
            if (q.size() >= MAX_BUFFERED_PER_CLASS) {
                q.poll();
            }
            q.add(d);
        }
        throw new IllegalStateException("prior shift of phase " + s.phase + " wants class " + wanted + " but source '"
                + schema.stream() + "' produced none in " + MAX_PRIOR_DRAWS + " draws");
    }

    private Drawn drawOne(State s) {
        if (s.source instanceof SyntheticSource syn) {
            // generators write straight into an array we own: no intermediate sample, no copy
            float[] x = new float[schema.dimension()];
            Label y = syn.nextInto(x);
            if (!s.transform.isIdentity()) {
                s.transform.apply(x, planeU, planeV, imageRows, imageCols);
                if (syn instanceof TeacherSource t) {
                    y = t.label(x);
                }
            }
            return new Drawn(x, y);
        }
        Optional<Sample> next = s.source.next();
        if (next.isEmpty()) {
            return null;
        }
        Sample raw = next.get();
        float[] x = raw.features();
        Label y = raw.label();
        if (!s.transform.isIdentity()) {
            x = x.clone();
            s.transform.apply(x, planeU, planeV, imageRows, imageCols);
            if (s.source instanceof TeacherSource t && y != null) {
                y = t.label(x);
            }
        }
        return new Drawn(x, y);
    }

    @Override
    public void close() {
        java.util.Set<SampleSource> closed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (State s : states) {
            if (closed.add(s.source)) {
                s.source.close();
            }
        }
    }
}

package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SourceProviders;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import io.sgdscope.producers.source.TeacherSource;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a {@link ScenarioSpec}: numbers the samples {@code stream-0, stream-1, ...}, stamps each with
 * its clean label, noisy flag and phase, and reports every phase change to a listener (the
 * {@code drift.truth} sink) just before the first sample it may affect. A thin loop over three parts:
 * the {@link ScenarioPlan} (the phases made concrete and checked), the {@link TransitionSchedule}
 * (which phases a sample mixes, and the events) and the {@link PriorShiftSampler}.
 *
 * <p>Per sample: read the clock once; stop at the scenario's end; advance the schedule and publish
 * its events; toss the mixing coin if the schedule mixes two phases; draw from the chosen phase's
 * source; apply its feature transform and, if the source has a teacher, relabel the moved point (so
 * a covariate shift keeps P(y|x)); under a prior shift draw through the sampler; then apply the
 * phase's label noise. Deterministic for a seed, given the same clock readings for time starts.
 */
public final class ScenarioSource implements SampleSource {

    private final ScenarioPlan plan;
    private final SourceSchema schema;
    private final ScenarioSpec spec;
    private final TransitionSchedule schedule;
    private final PriorShiftSampler priorShift;
    private final Consumer<DriftEvent> truth;
    private final LongSupplier clockMs;
    /** Tosses the gradual and incremental coins and, shared with the sampler, picks prior-shifted classes. */
    private final SplittableRandom mix;
    private final String idPrefix;

    private long index;
    private long now;
    private long startMs = Long.MIN_VALUE;
    private boolean ended;

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
        this.truth = truth;
        this.clockMs = clockMs;
        this.idPrefix = stream + "-";
        SplittableRandom root = new SplittableRandom(Seeds.derive(seed, 1));
        this.mix = root.split();
        // sources read the time of the sample being drawn, so each sample reads the clock once
        this.plan = ScenarioPlan.open(spec, providers, stream, seed, defaultDimension, () -> now, new Gaussian(root.split()));
        this.schema = plan.schema();
        this.schedule = new TransitionSchedule(schema.stream(), plan.specs(),
                id -> plan.phase(id).source().schema().teacher());
        this.priorShift = new PriorShiftSampler(mix, schema.stream());
    }

    /**
     * The scenario of a resolved config ({@code source:}, {@code phases:}, {@code scenario:}) with the
     * stream, seed and default dimension of {@code producer:}, using the providers on the class path.
     */
    public static ScenarioSource open(RawConfig raw, ProduceConfig cfg, LongSupplier clockMs, Consumer<DriftEvent> truth) {
        return new ScenarioSource(ScenarioSpec.from(raw), SourceProviders.onClassPath(), cfg.stream(), cfg.seed(),
                cfg.dimension(), clockMs, truth);
    }

    @Override
    public SourceSchema schema() {
        return schema;
    }

    /** The scenario it runs. */
    public ScenarioSpec spec() {
        return spec;
    }

    /** The index the next sample will get. */
    public long index() {
        return index;
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
        TransitionSchedule.Step step = schedule.advance(index, elapsed, now);
        step.events().forEach(truth);
        ScenarioPlan.Phase phase = resolve(step.mixing());
        Drawn d = phase.cumulativePriors() == null ? drawOne(phase)
                : priorShift.next(phase.source(), phase.cumulativePriors(), () -> drawOne(phase), phase.id());
        if (d == null) {
            ended = true;
            return Optional.empty();
        }
        long i = index++;
        if (d.clean() == null) {
            return Optional.of(new Sample(idPrefix + i, schema.stream(), now, d.x(), null, null, i));
        }
        Label observed = phase.noise().apply(d.clean(), d.x(), phase.source() instanceof TeacherSource t ? t : null,
                phase.noiseRng());
        return Optional.of(new Sample(idPrefix + i, schema.stream(), now, d.x(), observed,
                new GroundTruth(d.clean(), !observed.equals(d.clean()), phase.id()), i));
    }

    /** The phase this sample is drawn from: tosses the coin when the schedule mixes two phases. */
    private ScenarioPlan.Phase resolve(TransitionSchedule.Mixing m) {
        ScenarioPlan.Phase to = plan.phase(m.to());
        if (!m.mixes()) {
            return to;
        }
        ScenarioPlan.Phase from = plan.phase(m.from());
        ScenarioPlan.Phase drawFrom = mix.nextDouble() < m.toProbability() ? to : from;
        return m.interpolates() ? ScenarioPlan.Phase.between(from, to, drawFrom, m.toProbability()) : drawFrom;
    }

    /** The next clean (x, y) of {@code phase}, after its transform, or null when its source is exhausted. */
    private Drawn drawOne(ScenarioPlan.Phase phase) {
        FeatureTransform transform = phase.transform();
        if (phase.source() instanceof SyntheticSource syn) {
            // generators write straight into an array we own: no intermediate sample, no copy
            float[] x = new float[schema.dimension()];
            Label y = syn.nextInto(x);
            if (!transform.isIdentity()) {
                plan.frame().apply(transform, x);
                if (syn instanceof TeacherSource t) {
                    y = t.label(x);
                }
            }
            return new Drawn(x, y);
        }
        Optional<Sample> next = phase.source().next();
        if (next.isEmpty()) {
            return null;
        }
        Sample raw = next.get();
        float[] x = raw.features();
        Label y = raw.label();
        if (!transform.isIdentity()) {
            x = x.clone();
            plan.frame().apply(transform, x);
            if (phase.source() instanceof TeacherSource t && y != null) {
                y = t.label(x);
            }
        }
        return new Drawn(x, y);
    }

    @Override
    public void close() {
        plan.close();
    }
}

package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.TrackedView;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.gen.Priors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario as configured: the {@code source:} section (read by the chosen source provider), the
 * {@code phases:} list and the optional {@code scenario:} section ({@code end}, {@code name},
 * {@code description}). Parsing checks everything that does not need the source; {@link ScenarioPlan}
 * checks the rest when it opens the source. Unknown keys and wrong types fail naming the full key
 * path and the file and line.
 *
 * @param labelDelays when each phase's labels arrive, by phase id: the top-level {@code labels:} section
 *                    laid under each phase's own {@code labels:}, inherited from phase to phase
 */
public record ScenarioSpec(String name, long endIndex, Duration endTime, RawConfig sourceConfig, List<PhaseSpec> phases,
                           List<LabelDelaySpec> labelDelays) {

    public static final String SECTION = "scenario";
    public static final String END = "scenario.end";
    public static final String NAME = "scenario.name";
    public static final String DESCRIPTION = "scenario.description";
    public static final String PHASES = "phases";
    /** The source when a scenario names none. */
    public static final String DEFAULT_SOURCE = "teacher-linear";
    /** Prefixes of the keys this spec owns, for the launcher's unknown-key check. */
    public static final List<String> PREFIXES = List.of("source.", "phases[", PHASES, "scenario.",
            LabelDelaySpec.SECTION + ".", LabelDelaySpec.SECTION);

    private static final String SCENARIO_KEYS = "the scenario section has name, description and end";
    private static final String PHASE_KEYS = "a phase has start, transition, width, period, shift "
            + "(covariate, prior, concept, spurious), noise and labels (delay, never)";

    public ScenarioSpec {
        phases = List.copyOf(phases);
        labelDelays = List.copyOf(labelDelays);
        if (labelDelays.size() != phases.size()) {
            throw new IllegalArgumentException(labelDelays.size() + " label delays for " + phases.size() + " phases");
        }
    }

    /** Whether some phase holds labels back or drops them: then a {@link DelayedLabelSource} sends them. */
    public boolean delaysLabels() {
        return labelDelays.stream().anyMatch(LabelDelaySpec::delays);
    }

    /** A scenario whose labels all travel with their samples. */
    public ScenarioSpec(String name, long endIndex, Duration endTime, RawConfig sourceConfig, List<PhaseSpec> phases) {
        this(name, endIndex, endTime, sourceConfig, phases,
                java.util.Collections.nCopies(phases.size(), LabelDelaySpec.NONE));
    }

    public static ScenarioSpec from(RawConfig raw) {
        TrackedView scenario = raw.tracked(SECTION);
        TrackedView phaseList = raw.tracked(PHASES);
        String name = scenario.string("name", "");
        scenario.string("description", "");
        long endIndex = -1;
        Duration endTime = null;
        if (scenario.has("end")) {
            Object end = parseStart(scenario, "end");
            if (end instanceof Long l) {
                endIndex = l;
            } else {
                endTime = (Duration) end;
            }
        }
        if (phaseList.has("")) {
            throw phaseList.problem("", "must be a list of phases");
        }
        LabelDelaySpec labels = LabelDelaySpec.readTopLevel(raw);
        List<PhaseSpec> phases = new ArrayList<>();
        List<LabelDelaySpec> labelDelays = new ArrayList<>();
        for (int i = 0; phaseList.hasUnder("[" + i + "]") || raw.contains(PHASES + "[" + i + "]"); i++) {
            TrackedView phase = phaseList.at("[" + i + "]");
            phases.add(readPhase(phase, i, phases.isEmpty() ? null : phases.get(phases.size() - 1)));
            labels = LabelDelaySpec.read(phase.at(LabelDelaySpec.SECTION), labels);
            labelDelays.add(labels);
        }
        if (phases.isEmpty()) {
            phases.add(new PhaseSpec(0, PHASES + "[0]", 0, null, DriftEvent.Transition.ABRUPT, 0, 0, null, null,
                    Map.of(), Map.of(), null));
            labelDelays.add(labels);
        }
        phaseList.requireAllRead(PHASE_KEYS);
        scenario.requireAllRead(SCENARIO_KEYS);
        RawConfig source = raw;
        if (!raw.contains(SourceContext.key(SourceContext.TYPE))) {
            source = raw.with(SourceContext.key(SourceContext.TYPE), DEFAULT_SOURCE, "default");
        }
        return new ScenarioSpec(name, endIndex, endTime, source, phases, labelDelays);
    }

    private static PhaseSpec readPhase(TrackedView c, int i, PhaseSpec previous) {
        String key = c.section();
        if (c.raw().contains(key)) {
            throw c.problem("", "a phase must be a mapping (" + PHASE_KEYS + ")");
        }
        long startIndex = 0;
        Duration startTime = null;
        if (c.has("start")) {
            Object start = parseStart(c, "start");
            if (start instanceof Long l) {
                startIndex = l;
            } else {
                startIndex = -1;
                startTime = (Duration) start;
            }
        } else if (i > 0) {
            throw new ConfigException(c.key("start"), "is required: a sample index (5000) or a time since the "
                    + "stream began (30s); only the first phase starts at 0 by default");
        }
        if (i == 0 && startIndex != 0) {
            throw c.problem("start", "the first phase must start at 0");
        }
        if (i > 0 && startIndex >= 0 && previous.startIndex() >= 0 && startIndex <= previous.startIndex()) {
            throw c.problem("start", "must be after the previous phase's start " + previous.startIndex());
        }
        if (i > 0 && startTime != null && previous.startTime() != null && startTime.compareTo(previous.startTime()) <= 0) {
            throw c.problem("start", "must be after the previous phase's start " + previous.startTime());
        }
        DriftEvent.Transition transition = c.enumValue("transition", DriftEvent.Transition.class,
                DriftEvent.Transition.ABRUPT);
        boolean ramps = transition == DriftEvent.Transition.GRADUAL || transition == DriftEvent.Transition.INCREMENTAL;
        if (ramps && !c.has("width")) {
            throw new ConfigException(c.key("width"), "is required for a " + transition.name().toLowerCase() + " transition");
        }
        long width = c.longValue("width", 0, 1, Long.MAX_VALUE / 4);
        if (!ramps && c.has("width")) {
            throw c.problem("width", "only applies to gradual and incremental transitions");
        }
        if (transition == DriftEvent.Transition.RECURRING && !c.has("period")) {
            throw new ConfigException(c.key("period"), "is required for a recurring transition: samples between switches");
        }
        long period = c.longValue("period", 0, 1, Long.MAX_VALUE / 4);
        if (transition != DriftEvent.Transition.RECURRING && c.has("period")) {
            throw c.problem("period", "only applies to recurring transitions");
        }
        if (i == 0 && transition != DriftEvent.Transition.ABRUPT) {
            throw c.problem("transition", "the first phase has nothing to change from; leave it abrupt");
        }
        TrackedView shift = c.at("shift");
        PhaseSpec.CovariateShift covariate = null;
        if (shift.hasUnder("covariate")) {
            TrackedView cov = shift.at("covariate");
            double[] mean = cov.raw().contains(cov.key("mean"))
                    ? new double[] {cov.doubleValue("mean", 0, -1e9, 1e9)} : cov.doubles("mean", -1e9, 1e9);
            covariate = new PhaseSpec.CovariateShift(cov.section(), mean,
                    cov.has("scale") ? cov.doubleValue("scale", 1, -1e9, 1e9) : null,
                    cov.has("rotation") ? cov.doubleValue("rotation", 0, -360, 360) : null,
                    cov.has("image-rotation") ? cov.doubleValue("image-rotation", 0, -360, 360) : null,
                    cov.has("brightness") ? cov.doubleValue("brightness", 0, -1, 1) : null);
        }
        double[] priors = shift.doubles("prior", 0, 1);
        if (priors != null) {
            String problem = Priors.problem(priors, priors.length);
            if (problem != null) {
                throw shift.problem("prior[0]", problem);
            }
        }
        Map<String, ConfigValue> concept = shift.subsection("concept");
        Map<String, ConfigValue> spurious = shift.subsection("spurious");
        NoiseSpec noise = c.hasUnder("noise") ? NoiseSpec.read(c.at("noise")) : null;
        return new PhaseSpec(i, key, startIndex, startTime, transition, width, period, covariate, priors, concept,
                spurious, noise);
    }

    /** A sample index ({@code 5000}, {@code 5_000}) or a duration since the stream began ({@code 30s}, {@code 2m}). */
    private static Object parseStart(TrackedView c, String name) {
        String text = c.string(name, "").replace("_", "");
        if (text.matches("\\d+")) {
            return c.longValue(name, 0, 0, Long.MAX_VALUE);
        }
        Duration d = text.isEmpty() ? null : RawConfig.parseDuration(text);
        if (d == null || d.isNegative()) {
            throw c.problem(name, "must be a sample index such as 5000 or a time since the stream began such as 30s or 2m, got '"
                    + text + "'");
        }
        return d;
    }
}

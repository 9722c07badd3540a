package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.source.SourceParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario as configured: the {@code source:} section (read by the chosen source provider), the
 * {@code phases:} list and the optional {@code scenario:} section ({@code end}, {@code name},
 * {@code description}). Parsing checks everything that does not need the source; {@link ScenarioSource}
 * checks the rest when it opens the source. Unknown keys and wrong types fail naming the full key
 * path and the file and line.
 */
public record ScenarioSpec(String name, long endIndex, Duration endTime, RawConfig sourceConfig, List<PhaseSpec> phases) {

    public static final String SECTION = "scenario";
    public static final String END = "scenario.end";
    public static final String NAME = "scenario.name";
    public static final String DESCRIPTION = "scenario.description";
    public static final String PHASES = "phases";
    /** The source when a scenario names none. */
    public static final String DEFAULT_SOURCE = "teacher-linear";
    /** Prefixes of the keys this spec owns, for the launcher's unknown-key check. */
    public static final List<String> PREFIXES = List.of("source.", "phases[", PHASES, "scenario.");

    private static final String PHASE_KEYS = "a phase has start, transition, width, period, shift "
            + "(covariate, prior, concept, spurious) and noise";

    public ScenarioSpec {
        phases = List.copyOf(phases);
    }

    public static ScenarioSpec from(RawConfig raw) {
        TrackedConfig c = new TrackedConfig(raw);
        String name = c.string(NAME, "");
        c.string(DESCRIPTION, "");
        long endIndex = -1;
        Duration endTime = null;
        if (c.has(END)) {
            Object end = parseStart(c, END);
            if (end instanceof Long l) {
                endIndex = l;
            } else {
                endTime = (Duration) end;
            }
        }
        if (raw.contains(PHASES) && !raw.string(PHASES, "").isEmpty()) {
            throw c.problem(PHASES, "must be a list of phases");
        }
        c.has(PHASES);
        List<PhaseSpec> phases = new ArrayList<>();
        for (int i = 0; c.hasUnder(PHASES + "[" + i + "]") || raw.contains(PHASES + "[" + i + "]"); i++) {
            phases.add(readPhase(c, i, phases.isEmpty() ? null : phases.get(phases.size() - 1)));
        }
        if (phases.isEmpty()) {
            phases.add(new PhaseSpec(0, PHASES + "[0]", 0, null, DriftEvent.Transition.ABRUPT, 0, 0, null, null,
                    Map.of(), Map.of(), null));
        }
        c.requireAllRead(List.of("phases", "scenario."), PHASE_KEYS);
        RawConfig source = raw;
        if (!raw.contains(SourceParams.key(SourceParams.TYPE))) {
            source = raw.with(SourceParams.key(SourceParams.TYPE), DEFAULT_SOURCE, "default");
        }
        return new ScenarioSpec(name, endIndex, endTime, source, phases);
    }

    private static PhaseSpec readPhase(TrackedConfig c, int i, PhaseSpec previous) {
        String key = PHASES + "[" + i + "]";
        if (c.raw().contains(key)) {
            throw c.problem(key, "a phase must be a mapping (" + PHASE_KEYS + ")");
        }
        long startIndex = 0;
        Duration startTime = null;
        if (c.has(key + ".start")) {
            Object start = parseStart(c, key + ".start");
            if (start instanceof Long l) {
                startIndex = l;
            } else {
                startIndex = -1;
                startTime = (Duration) start;
            }
        } else if (i > 0) {
            throw new ConfigException(key + ".start", "is required: a sample index (5000) or a time since the "
                    + "stream began (30s); only the first phase starts at 0 by default");
        }
        if (i == 0 && startIndex != 0) {
            throw c.problem(key + ".start", "the first phase must start at 0");
        }
        if (i > 0 && startIndex >= 0 && previous.startIndex() >= 0 && startIndex <= previous.startIndex()) {
            throw c.problem(key + ".start", "must be after the previous phase's start " + previous.startIndex());
        }
        if (i > 0 && startTime != null && previous.startTime() != null && startTime.compareTo(previous.startTime()) <= 0) {
            throw c.problem(key + ".start", "must be after the previous phase's start " + previous.startTime());
        }
        DriftEvent.Transition transition = c.enumValue(key + ".transition", DriftEvent.Transition.class,
                DriftEvent.Transition.ABRUPT);
        boolean ramps = transition == DriftEvent.Transition.GRADUAL || transition == DriftEvent.Transition.INCREMENTAL;
        if (ramps && !c.has(key + ".width")) {
            throw new ConfigException(key + ".width", "is required for a " + transition.name().toLowerCase() + " transition");
        }
        long width = c.longValue(key + ".width", 0, 1, Long.MAX_VALUE / 4);
        if (!ramps && c.has(key + ".width")) {
            throw c.problem(key + ".width", "only applies to gradual and incremental transitions");
        }
        if (transition == DriftEvent.Transition.RECURRING && !c.has(key + ".period")) {
            throw new ConfigException(key + ".period", "is required for a recurring transition: samples between switches");
        }
        long period = c.longValue(key + ".period", 0, 1, Long.MAX_VALUE / 4);
        if (transition != DriftEvent.Transition.RECURRING && c.has(key + ".period")) {
            throw c.problem(key + ".period", "only applies to recurring transitions");
        }
        if (i == 0 && transition != DriftEvent.Transition.ABRUPT) {
            throw c.problem(key + ".transition", "the first phase has nothing to change from; leave it abrupt");
        }
        String shift = key + ".shift";
        PhaseSpec.CovariateShift covariate = null;
        String cov = shift + ".covariate";
        if (c.hasUnder(cov)) {
            double[] mean = c.raw().contains(cov + ".mean")
                    ? new double[] {c.doubleValue(cov + ".mean", 0, -1e9, 1e9)} : c.doubles(cov + ".mean", -1e9, 1e9);
            covariate = new PhaseSpec.CovariateShift(cov, mean,
                    c.has(cov + ".scale") ? c.doubleValue(cov + ".scale", 1, -1e9, 1e9) : null,
                    c.has(cov + ".rotation") ? c.doubleValue(cov + ".rotation", 0, -360, 360) : null,
                    c.has(cov + ".image-rotation") ? c.doubleValue(cov + ".image-rotation", 0, -360, 360) : null,
                    c.has(cov + ".brightness") ? c.doubleValue(cov + ".brightness", 0, -1, 1) : null);
        }
        double[] priors = c.doubles(shift + ".prior", 0, 1);
        if (priors != null) {
            String problem = io.sgdscope.producers.source.gen.Priors.problem(priors, priors.length);
            if (problem != null) {
                throw c.problem(shift + ".prior[0]", problem);
            }
        }
        Map<String, ConfigValue> concept = c.section(shift + ".concept");
        Map<String, ConfigValue> spurious = c.section(shift + ".spurious");
        NoiseSpec noise = c.hasUnder(key + ".noise") ? NoiseSpec.read(c, key + ".noise") : null;
        return new PhaseSpec(i, key, startIndex, startTime, transition, width, period, covariate, priors, concept,
                spurious, noise);
    }

    /** A sample index ({@code 5000}, {@code 5_000}) or a duration since the stream began ({@code 30s}, {@code 2m}). */
    private static Object parseStart(TrackedConfig c, String key) {
        String text = c.string(key, "").replace("_", "");
        if (text.matches("\\d+")) {
            return c.longValue(key, 0, 0, Long.MAX_VALUE);
        }
        Duration d = text.isEmpty() ? null : RawConfig.parseDuration(text);
        if (d == null || d.isNegative()) {
            throw c.problem(key, "must be a sample index such as 5000 or a time since the stream began such as 30s or 2m, got '"
                    + text + "'");
        }
        return d;
    }
}

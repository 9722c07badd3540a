package io.sgdscope.producers.scenario;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.TrackedView;
import java.time.Duration;
import java.util.Locale;

/**
 * When a phase's labels arrive, as configured under the top-level {@code labels:} (every phase)
 * and {@code phases[i].labels} (from that phase on):
 * <pre>
 * labels:
 *   delay: { kind: fixed, samples: 200 }        # or time: 2s
 *   never: 0.05                                  # share of labels that never arrive
 * </pre>
 * {@code kind} is {@code none} (labels travel with their sample), {@code fixed} ({@code samples}
 * or {@code time}), {@code uniform} ({@code min}, {@code max}) or {@code exponential} ({@code mean}),
 * each with an optional {@code share} (default 1): the share of the arriving labels it delays,
 * the others travel with their samples. An amount is a whole number of samples ({@code 200}) or a duration ({@code 2s}), and the amounts
 * of one delay must agree. A phase's {@code delay} and {@code never} each replace the previous
 * phase's; what a phase leaves out it inherits.
 *
 * @param key   the section it was read from, for error messages
 * @param never the probability that a sample's label never arrives, in [0, 1]
 */
public record LabelDelaySpec(String key, Delay delay, double never) {

    /** The {@code delay.kind} values. */
    public enum Kind { NONE, FIXED, UNIFORM, EXPONENTIAL }

    /** What a delay counts: samples produced after the sample, or milliseconds of event time. */
    public enum Unit { SAMPLES, MILLIS }

    /**
     * A delay distribution: {@code fixed} is {@code a}; {@code uniform} is uniform on {@code [a, b]}
     * (whole samples or ms, both ends included); {@code exponential} has mean {@code a}. It applies
     * to a {@code share} of the labels that arrive; the others travel with their samples.
     */
    public record Delay(Kind kind, Unit unit, double a, double b, double share) {
        public static final Delay NONE = new Delay(Kind.NONE, Unit.SAMPLES, 0, 0, 1);

        public Delay {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in [0, 1], got " + share);
            }
        }

        /** A delay of every arriving label. */
        public Delay(Kind kind, Unit unit, double a, double b) {
            this(kind, unit, a, b, 1);
        }
    }

    /** Labels with their samples, all of them. */
    public static final LabelDelaySpec NONE = new LabelDelaySpec("", Delay.NONE, 0);

    public static final String SECTION = "labels";

    private static final String KEYS = "labels has delay (kind: none | fixed | uniform | exponential, with samples "
            + "or time, min and max, or mean, and share) and never";

    public LabelDelaySpec {
        if (!(never >= 0 && never <= 1)) {
            throw new ConfigException(key + ".never", "must be in [0, 1], got " + never);
        }
    }

    /** Whether any label of this phase is held back or dropped. */
    public boolean delays() {
        return delay.kind() != Kind.NONE || never > 0;
    }

    /** The top-level {@code labels:} section, or {@link #NONE} when there is none. */
    static LabelDelaySpec readTopLevel(RawConfig raw) {
        TrackedView c = raw.tracked(SECTION);
        LabelDelaySpec spec = read(c, NONE);
        c.requireAllRead(KEYS);
        return spec;
    }

    /** The section {@code c}, over {@code previous}; unknown keys are left to the caller's {@code requireAllRead}. */
    static LabelDelaySpec read(TrackedView c, LabelDelaySpec previous) {
        if (c.raw().contains(c.section())) {
            throw c.problem("", "must be a mapping: " + KEYS);
        }
        Delay delay = previous.delay();
        if (c.raw().contains(c.key("delay"))) {
            throw c.problem("delay", "must be a mapping such as { kind: fixed, samples: 200 }");
        }
        if (c.hasUnder("delay")) {
            delay = readDelay(c.at("delay"));
        }
        double never = c.has("never") ? c.doubleValue("never", 0, 0, 1) : previous.never();
        return new LabelDelaySpec(c.section(), delay, never);
    }

    private static Delay readDelay(TrackedView d) {
        Kind kind = d.enumValue("kind", Kind.class, null);
        if (kind == null) {
            throw new ConfigException(d.key("kind"), "is required: one of none, fixed, uniform, exponential");
        }
        for (String name : new String[] {"samples", "time", "min", "max", "mean", "share"}) {
            if (d.has(name) && !appliesTo(name, kind)) {
                throw d.problem(name, "does not apply to a " + kind.name().toLowerCase(Locale.ROOT) + " delay; "
                        + "fixed takes samples or time, uniform min and max, exponential mean, each a share");
            }
        }
        double share = d.doubleValue("share", 1, 0, 1);
        return switch (kind) {
            case NONE -> Delay.NONE;
            case FIXED -> {
                if (d.has("samples") == d.has("time")) {
                    throw new ConfigException(d.key("samples"),
                            "a fixed delay needs exactly one of samples (200) or time (2s)");
                }
                yield d.has("samples")
                        ? new Delay(kind, Unit.SAMPLES, d.longValue("samples", 0, 1, Long.MAX_VALUE / 4), 0, share)
                        : new Delay(kind, Unit.MILLIS, positiveMillis(d, "time"), 0, share);
            }
            case UNIFORM -> {
                Amount min = amount(d, "min", kind);
                Amount max = amount(d, "max", kind);
                if (min.unit() != max.unit()) {
                    throw d.problem("max", "must be in the unit of min: both samples (100) or both times (1s)");
                }
                if (max.value() < min.value()) {
                    throw d.problem("max", "must be at least min");
                }
                yield new Delay(kind, min.unit(), min.value(), max.value(), share);
            }
            case EXPONENTIAL -> {
                Amount mean = amount(d, "mean", kind);
                if (mean.value() <= 0) {
                    throw d.problem("mean", "must be > 0");
                }
                yield new Delay(kind, mean.unit(), mean.value(), 0, share);
            }
        };
    }

    private static boolean appliesTo(String name, Kind kind) {
        return switch (name) {
            case "samples", "time" -> kind == Kind.FIXED;
            case "min", "max" -> kind == Kind.UNIFORM;
            case "share" -> kind != Kind.NONE;
            default -> kind == Kind.EXPONENTIAL;
        };
    }

    private record Amount(Unit unit, long value) {
    }

    /** A whole number of samples ({@code 200}, at least 1) or a duration ({@code 2s}, at least 0). */
    private static Amount amount(TrackedView d, String name, Kind kind) {
        if (!d.has(name)) {
            throw new ConfigException(d.key(name), "is required for a " + kind.name().toLowerCase(Locale.ROOT)
                    + " delay: a number of samples (200) or a time (2s)");
        }
        String text = d.string(name, "").replace("_", "");
        if (text.matches("\\d+")) {
            return new Amount(Unit.SAMPLES, d.longValue(name, 0, 1, Long.MAX_VALUE / 4));
        }
        Duration t = text.isEmpty() ? null : RawConfig.parseDuration(text);
        if (t == null || t.isNegative()) {
            throw d.problem(name, "must be a number of samples such as 200 or a time such as 2s, got '" + text + "'");
        }
        return new Amount(Unit.MILLIS, t.toMillis());
    }

    private static long positiveMillis(TrackedView d, String name) {
        Duration t = d.duration(name, null);
        if (t == null || t.isNegative() || t.isZero()) {
            throw d.problem(name, "must be a positive time such as 2s");
        }
        return t.toMillis();
    }
}

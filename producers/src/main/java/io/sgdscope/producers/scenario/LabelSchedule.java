package io.sgdscope.producers.scenario;

import io.sgdscope.producers.scenario.LabelDelaySpec.Delay;
import java.util.SplittableRandom;

/**
 * When a sample's label is due, from its phase's {@link LabelDelaySpec}: pure, with no clock and no
 * state; the draws come from the caller's random stream, in a fixed order (first the {@code never}
 * coin, when {@code never > 0}; then the {@code share} coin, when the share is below 1; then the
 * delay, when it is random), so a seed gives one schedule.
 *
 * <p>A delay in samples of {@code d} makes the label of sample {@code i} due at index {@code i + d}:
 * it is sent once sample {@code i + d} has been, so exactly {@code d} samples come between a sample
 * and its label. A delay in time makes it due at the sample's event time plus the delay. Uniform
 * delays are whole samples or milliseconds on {@code [min, max]}, ends included. An exponential
 * delay in samples is the exponential draw rounded up ({@code ceil}, so at least 1, with mean
 * {@code 1 / (1 - exp(-1/mean))}, about {@code mean + 1/2}); in time it is rounded to the millisecond.
 */
public final class LabelSchedule {

    /** When one label is due. */
    public sealed interface Due {
    }

    /** The label travels with its sample. */
    public record WithSample() implements Due {
    }

    /** The label never arrives. */
    public record Never() implements Due {
    }

    /** The label is sent once the sample with this index has been sent. */
    public record AfterIndex(long index) implements Due {
    }

    /** The label becomes known at this event time. */
    public record AtTime(long timeMs) implements Due {
    }

    private static final Due WITH_SAMPLE = new WithSample();
    private static final Due NEVER = new Never();

    private LabelSchedule() {
    }

    public static Due due(LabelDelaySpec spec, long index, long timeMs, SplittableRandom rng) {
        if (spec.never() > 0 && rng.nextDouble() < spec.never()) {
            return NEVER;
        }
        Delay d = spec.delay();
        if (d.kind() == LabelDelaySpec.Kind.NONE || (d.share() < 1 && rng.nextDouble() >= d.share())) {
            return WITH_SAMPLE;
        }
        boolean samples = d.unit() == LabelDelaySpec.Unit.SAMPLES;
        long delay = switch (d.kind()) {
            case FIXED -> (long) d.a();
            case UNIFORM -> (long) d.a() + rng.nextLong((long) d.b() - (long) d.a() + 1);
            case EXPONENTIAL -> {
                double draw = -d.a() * Math.log(1 - rng.nextDouble()); // 1 - U in (0, 1]: finite
                yield samples ? Math.max(1, (long) Math.ceil(draw)) : Math.round(draw);
            }
            case NONE -> throw new IllegalStateException("unreachable");
        };
        return samples ? new AfterIndex(index + delay) : new AtTime(timeMs + delay);
    }
}

package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.STREAMS_JOINED;
import static io.sgdscope.monitoring.MeterNames.STREAMS_JOIN_MISSES;
import static io.sgdscope.monitoring.MeterNames.STREAMS_LABEL_DELAY;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.streams.join.JoinStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The delayed-label join: a label-delay histogram (fixed buckets from one second to a week),
 * joined samples, and join misses (samples that went to {@code samples.unlabeled}).
 */
public final class LabelJoinMetrics implements MeterBinder {

    private static final Duration[] DELAY_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7),
    };

    private final JoinStats stats;

    public LabelJoinMetrics(JoinStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer delay = Timer.builder(STREAMS_LABEL_DELAY)
                .description("Label event time minus sample event time, per joined sample")
                .serviceLevelObjectives(DELAY_BUCKETS)
                .register(registry);
        stats.onLabelDelay(ms -> delay.record(ms, TimeUnit.MILLISECONDS));
        FunctionCounter.builder(STREAMS_JOINED, stats, JoinStats::joined)
                .description("Unlabelled samples joined with their label within the window")
                .register(registry);
        FunctionCounter.builder(STREAMS_JOIN_MISSES, stats, JoinStats::misses)
                .description("Unlabelled samples whose label did not arrive within the window (sent to samples.unlabeled)")
                .register(registry);
    }
}

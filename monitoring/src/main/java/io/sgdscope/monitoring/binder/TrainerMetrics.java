package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TAG_REASON;
import static io.sgdscope.monitoring.MeterNames.TRAINER_CHECKPOINTS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_CONSUMER_LAG;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SKIPPED;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.TrainerStats;
import java.util.function.ToLongFunction;

/** The trainer service as a whole: records it could not train on, by reason, checkpoints written, and its lag. */
public final class TrainerMetrics implements MeterBinder {
    private final TrainerStats stats;

    public TrainerMetrics(TrainerStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        skipped(registry, "empty", TrainerStats::skippedEmpty);
        skipped(registry, "undecodable", TrainerStats::undecodable);
        skipped(registry, "incompatible", TrainerStats::incompatible);
        FunctionCounter.builder(TRAINER_CHECKPOINTS, stats, TrainerStats::checkpoints)
                .description("Checkpoints written (model state with its input offsets)")
                .register(registry);
        Gauge.builder(TRAINER_CONSUMER_LAG, stats, s -> s.consumerLag() < 0 ? Double.NaN : s.consumerLag())
                .description("Records the trainer is behind the end of its assigned partitions of samples.clean")
                .baseUnit("records").register(registry);
    }

    private void skipped(MeterRegistry registry, String reason, ToLongFunction<TrainerStats> count) {
        FunctionCounter.builder(TRAINER_SKIPPED, stats, s -> count.applyAsLong(s))
                .description("Records the trainer could not train on, by reason")
                .tag(TAG_REASON, reason)
                .register(registry);
    }
}

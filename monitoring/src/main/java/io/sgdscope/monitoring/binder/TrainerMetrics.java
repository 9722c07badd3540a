package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TAG_MODEL;
import static io.sgdscope.monitoring.MeterNames.TAG_WINDOW;
import static io.sgdscope.monitoring.MeterNames.TRAINER_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SAMPLES;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SKIPPED;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import java.util.function.ToDoubleFunction;

/**
 * Training progress and prequential quality per model. {@code window} is one of
 * {@code cumulative}, {@code sliding} or {@code fading}.
 */
public final class TrainerMetrics implements MeterBinder {
    private final TrainerStats stats;

    public TrainerMetrics(TrainerStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String model = stats.model();
        FunctionCounter.builder(TRAINER_SAMPLES, stats, TrainerStats::trained)
                .description("Samples trained on (each predicted first, then learned)")
                .baseUnit("samples")
                .tag(TAG_MODEL, model)
                .register(registry);
        skipped(registry, "unlabelled", TrainerStats::skippedUnlabelled);
        skipped(registry, "undecodable", TrainerStats::undecodable);
        skipped(registry, "incompatible", TrainerStats::incompatible);
        gauge(registry, TRAINER_ACCURACY, "cumulative", PrequentialSnapshot::accuracy);
        gauge(registry, TRAINER_ACCURACY, "sliding", PrequentialSnapshot::slidingAccuracy);
        gauge(registry, TRAINER_ACCURACY, "fading", PrequentialSnapshot::fadingAccuracy);
        gauge(registry, TRAINER_LOSS, "cumulative", PrequentialSnapshot::loss);
        gauge(registry, TRAINER_LOSS, "sliding", PrequentialSnapshot::slidingLoss);
        gauge(registry, TRAINER_LOSS, "fading", PrequentialSnapshot::fadingLoss);
    }

    private void skipped(MeterRegistry registry, String reason, java.util.function.ToLongFunction<TrainerStats> count) {
        FunctionCounter.builder(TRAINER_SKIPPED, stats, s -> count.applyAsLong(s))
                .description("Records the trainer could not train on, by reason")
                .tag(TAG_MODEL, stats.model())
                .tag(MeterNames.TAG_REASON, reason)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String window, ToDoubleFunction<PrequentialSnapshot> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.prequential()))
                .description(name.endsWith("accuracy")
                        ? "Prequential (test-then-train) accuracy"
                        : "Prequential (test-then-train) log loss")
                .tag(TAG_MODEL, stats.model())
                .tag(TAG_WINDOW, window)
                .register(registry);
    }
}

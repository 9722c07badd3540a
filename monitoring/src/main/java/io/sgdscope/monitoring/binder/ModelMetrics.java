package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.MODEL_GRAD_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_LOSS_EWMA;
import static io.sgdscope.monitoring.MeterNames.MODEL_LOSS_SPIKES;
import static io.sgdscope.monitoring.MeterNames.TAG_LABELS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_MARGIN;
import static io.sgdscope.monitoring.MeterNames.TAG_MODEL;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;
import static io.sgdscope.monitoring.MeterNames.TAG_WINDOW;
import static io.sgdscope.monitoring.MeterNames.TRAINER_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_CLEAN_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_DIVERGENCES;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LEARNING_RATE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SAMPLES;
import static io.sgdscope.monitoring.MeterNames.TRAINER_STEPS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_STEP_LOSS;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import java.util.function.ToDoubleFunction;

/**
 * One model (a variant on a stream): samples, prequential quality (also split into clean and
 * noisy-label samples), the optimizer's state, the loss EWMA and its spikes, and divergences. Tagged {@code model=<variant>} and {@code stream}; {@code window} is one of
 * {@code cumulative}, {@code sliding} or {@code fading}.
 */
public final class ModelMetrics implements MeterBinder {
    private final ModelStats stats;
    private final Tags tags;

    public ModelMetrics(ModelStats stats) {
        this.stats = stats;
        this.tags = Tags.of(TAG_MODEL, stats.model(), TAG_STREAM, stats.stream());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(TRAINER_SAMPLES, stats, s -> s.snapshot().trained())
                .description("Samples trained on (each predicted first, then learned)")
                .baseUnit("samples").tags(tags).register(registry);
        FunctionCounter.builder(TRAINER_STEPS, stats, s -> s.snapshot().steps())
                .description("Optimizer steps taken (one per batch)").tags(tags).register(registry);
        FunctionCounter.builder(TRAINER_DIVERGENCES, stats, s -> s.snapshot().divergences())
                .description("Steps with a non-finite loss or gradient: skipped, state restored, learning rate cut")
                .tags(tags).register(registry);
        gauge(registry, TRAINER_LEARNING_RATE, "Learning rate of the last step, after schedule and divergence cuts",
                ModelStats.Snapshot::learningRate);
        gauge(registry, TRAINER_STEP_LOSS, "Training loss of the last batch (before its step)",
                ModelStats.Snapshot::loss);
        gauge(registry, MODEL_GRAD_NORM, "L2 norm of the last batch gradient", ModelStats.Snapshot::gradientNorm);
        windowed(registry, TRAINER_ACCURACY, "cumulative", PrequentialSnapshot::accuracy);
        windowed(registry, TRAINER_ACCURACY, "sliding", PrequentialSnapshot::slidingAccuracy);
        windowed(registry, TRAINER_ACCURACY, "fading", PrequentialSnapshot::fadingAccuracy);
        windowed(registry, TRAINER_LOSS, "cumulative", PrequentialSnapshot::loss);
        windowed(registry, TRAINER_LOSS, "sliding", PrequentialSnapshot::slidingLoss);
        windowed(registry, TRAINER_LOSS, "fading", PrequentialSnapshot::fadingLoss);
        windowed(registry, TRAINER_CLEAN_ACCURACY, "sliding", PrequentialSnapshot::slidingCleanAccuracy);
        gauge(registry, MODEL_LOSS_EWMA, "Exponentially weighted moving average of the step loss",
                ModelStats.Snapshot::lossEwma);
        FunctionCounter.builder(MODEL_LOSS_SPIKES, stats, s -> s.snapshot().lossSpikes())
                .description("Steps whose loss exceeded spike-factor times the loss EWMA").tags(tags).register(registry);
        split(registry, TRAINER_SPLIT_ACCURACY, "Sliding prequential accuracy against the observed label",
                LabelNoiseScores.Snapshot::cleanAccuracy, LabelNoiseScores.Snapshot::noisyAccuracy);
        split(registry, TRAINER_SPLIT_LOSS, "Sliding prequential loss against the observed label",
                LabelNoiseScores.Snapshot::cleanLoss, LabelNoiseScores.Snapshot::noisyLoss);
        split(registry, TRAINER_SPLIT_MARGIN, "Sliding mean prequential margin on the observed label",
                LabelNoiseScores.Snapshot::cleanMargin, LabelNoiseScores.Snapshot::noisyMargin);
    }

    /** One gauge for samples whose label noise left them clean, one for those it changed. */
    private void split(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<LabelNoiseScores.Snapshot> clean, ToDoubleFunction<LabelNoiseScores.Snapshot> noisy) {
        Gauge.builder(name, stats, s -> clean.applyAsDouble(s.snapshot().noise())).description(description)
                .tags(tags).tag(TAG_LABELS, "clean").register(registry);
        Gauge.builder(name, stats, s -> noisy.applyAsDouble(s.snapshot().noise())).description(description)
                .tags(tags).tag(TAG_LABELS, "noisy").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ModelStats.Snapshot> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.snapshot())).description(description).tags(tags)
                .register(registry);
    }

    private void windowed(MeterRegistry registry, String name, String window, ToDoubleFunction<PrequentialSnapshot> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.snapshot().prequential()))
                .description(name.equals(TRAINER_LOSS)
                        ? "Prequential (test-then-train) loss: log loss, or squared error for regression"
                        : name.equals(TRAINER_CLEAN_ACCURACY)
                                ? "Prequential accuracy against the clean labels, where the stream carries them"
                                : "Prequential (test-then-train) accuracy")
                .tags(tags).tag(TAG_WINDOW, window).register(registry);
    }
}

package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.MODEL_GRAD_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_LOSS_EWMA;
import static io.sgdscope.monitoring.MeterNames.MODEL_LOSS_SPIKES;
import static io.sgdscope.monitoring.MeterNames.TAG_LABELS;
import static io.sgdscope.monitoring.MeterNames.TAG_OUTCOME;
import static io.sgdscope.monitoring.MeterNames.TAG_WINDOW;
import static io.sgdscope.monitoring.MeterNames.TRAINER_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_CLEAN_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_DIVERGENCES;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LABELS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LABEL_TIME_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LEARNING_RATE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_PENDING_AGE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_PENDING_PREDICTIONS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_PREDICT_LATENCY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SAMPLES;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_SPLIT_MARGIN;
import static io.sgdscope.monitoring.MeterNames.TRAINER_STEPS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_STEP_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_TRAIN_LATENCY;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sgdscope.trainer.LatencyListener;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One model (a variant on a stream): samples, prequential quality (also split into clean and
 * noisy-label samples), the optimizer's state, the loss EWMA and its spikes, divergences, and what
 * label delay does to it: predictions pending their label, how labels were scored, and the accuracy
 * at label time beside the prequential (feature-time) one. Tagged {@code model=<variant>} and
 * {@code stream}; {@code window} is one of {@code cumulative}, {@code sliding} or {@code fading};
 * {@code outcome} of a label is {@code on_time}, {@code late_scored} or {@code evicted}.
 */
public final class ModelMetrics extends ModelMeterBinder {

    /**
     * Produce-to-trained and produce-to-predicted buckets, 1 ms to 1 min: fine where the targets are
     * (30 ms at-least-once, 150 ms exactly-once are bucket bounds, so histogram_quantile is exact there),
     * coarse beyond a second, where the pipeline is simply behind.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(30), Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100),
        Duration.ofMillis(150), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500),
        Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
    };

    public ModelMetrics(ModelStats stats) {
        super(stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(TRAINER_SAMPLES, "Samples trained on (each predicted first, then learned)",
                snapshot(ModelStats.Snapshot::trained)).baseUnit("samples").register(registry);
        counter(TRAINER_STEPS, "Optimizer steps taken (one per batch)", snapshot(ModelStats.Snapshot::steps))
                .register(registry);
        counter(TRAINER_DIVERGENCES, "Steps with a non-finite loss or gradient: skipped, state restored, learning rate cut",
                snapshot(ModelStats.Snapshot::divergences)).register(registry);
        gauge(TRAINER_LEARNING_RATE, "Learning rate of the last step, after schedule and divergence cuts",
                snapshot(ModelStats.Snapshot::learningRate)).register(registry);
        gauge(TRAINER_STEP_LOSS, "Training loss of the last batch (before its step)", snapshot(ModelStats.Snapshot::loss))
                .register(registry);
        gauge(MODEL_GRAD_NORM, "L2 norm of the last batch gradient", snapshot(ModelStats.Snapshot::gradientNorm))
                .register(registry);
        windowed(registry, TRAINER_ACCURACY, "Prequential (test-then-train) accuracy",
                PrequentialSnapshot::accuracy, PrequentialSnapshot::slidingAccuracy, PrequentialSnapshot::fadingAccuracy);
        windowed(registry, TRAINER_LOSS, "Prequential (test-then-train) loss: log loss, or squared error for regression",
                PrequentialSnapshot::loss, PrequentialSnapshot::slidingLoss, PrequentialSnapshot::fadingLoss);
        gauge(TRAINER_CLEAN_ACCURACY, "Prequential accuracy against the clean labels, where the stream carries them",
                prequential(PrequentialSnapshot::slidingCleanAccuracy)).tag(TAG_WINDOW, "sliding").register(registry);
        gauge(MODEL_LOSS_EWMA, "Exponentially weighted moving average of the step loss",
                snapshot(ModelStats.Snapshot::lossEwma)).register(registry);
        counter(MODEL_LOSS_SPIKES, "Steps whose loss exceeded spike-factor times the loss EWMA",
                snapshot(ModelStats.Snapshot::lossSpikes)).register(registry);
        split(registry, TRAINER_SPLIT_ACCURACY, "Sliding prequential accuracy against the observed label",
                LabelNoiseScores.Snapshot::cleanAccuracy, LabelNoiseScores.Snapshot::noisyAccuracy);
        split(registry, TRAINER_SPLIT_LOSS, "Sliding prequential loss against the observed label",
                LabelNoiseScores.Snapshot::cleanLoss, LabelNoiseScores.Snapshot::noisyLoss);
        split(registry, TRAINER_SPLIT_MARGIN, "Sliding mean prequential margin on the observed label",
                LabelNoiseScores.Snapshot::cleanMargin, LabelNoiseScores.Snapshot::noisyMargin);
        labelDelay(registry);
        latency(registry);
    }

    /**
     * Two histograms, fed by the training thread through {@link ModelStats#onLatency}: Prometheus
     * buckets, from which the built-in dashboard also charts p50 and p99.
     */
    private void latency(MeterRegistry registry) {
        Timer trained = latencyTimer(TRAINER_TRAIN_LATENCY, "Produce to trained: the moment the model learned a "
                + "labelled sample minus the Kafka timestamp of its samples.clean record (the producer's send time)")
                .register(registry);
        Timer predicted = latencyTimer(TRAINER_PREDICT_LATENCY, "Produce to predicted: the moment the model made a "
                + "sample's feature-time prediction minus the Kafka timestamp of its samples.clean record")
                .register(registry);
        stats().onLatency(new LatencyListener() {
            @Override
            public void predicted(long millis) {
                predicted.record(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void trained(long millis) {
                trained.record(millis, TimeUnit.MILLISECONDS);
            }
        });
    }

    private Timer.Builder latencyTimer(String name, String description) {
        // buckets only: client-side percentiles would cost the training thread several histogram writes per
        // sample, and the dashboard computes p50/p99 from the buckets as Prometheus does
        return timer(name, description).serviceLevelObjectives(LATENCY_BUCKETS);
    }

    private void labelDelay(MeterRegistry registry) {
        gauge(TRAINER_PENDING_PREDICTIONS, "Feature-time predictions held until their label arrives",
                labelDelay(LabelDelayScores::pending)).register(registry);
        gauge(TRAINER_PENDING_AGE, "Event-time age of the oldest pending prediction against the newest sample",
                labelDelay(LabelDelayScores::pendingAgeSeconds)).baseUnit("seconds").register(registry);
        labels(registry, "on_time", LabelDelayScores::onTime);
        labels(registry, "late_scored", LabelDelayScores::lateScored);
        labels(registry, "evicted", LabelDelayScores::evicted);
        gauge(TRAINER_LABEL_TIME_ACCURACY, "Sliding accuracy of the same samples predicted when their label arrived, "
                + "after learning from everything in between; its lead over the prequential accuracy is what the delay costs",
                labelDelay(LabelDelayScores::labelTimeAccuracy)).tag(TAG_WINDOW, "sliding").register(registry);
    }

    private void labels(MeterRegistry registry, String outcome, ToDoubleFunction<LabelDelayScores> count) {
        counter(TRAINER_LABELS, "Delayed labels: on_time, scored on the prediction held since the sample arrived; "
                + "late_scored, whose prediction was no longer held; evicted, pending predictions dropped by a limit",
                labelDelay(count)).tag(TAG_OUTCOME, outcome).register(registry);
    }

    /** One prequential score over the three windows: all samples, the last {@code trainer.window}, and fading. */
    private void windowed(MeterRegistry registry, String name, String description,
                          ToDoubleFunction<PrequentialSnapshot> cumulative, ToDoubleFunction<PrequentialSnapshot> sliding,
                          ToDoubleFunction<PrequentialSnapshot> fading) {
        gauge(name, description, prequential(cumulative)).tag(TAG_WINDOW, "cumulative").register(registry);
        gauge(name, description, prequential(sliding)).tag(TAG_WINDOW, "sliding").register(registry);
        gauge(name, description, prequential(fading)).tag(TAG_WINDOW, "fading").register(registry);
    }

    /** One gauge for samples whose label noise left them clean, one for those it changed. */
    private void split(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<LabelNoiseScores.Snapshot> clean, ToDoubleFunction<LabelNoiseScores.Snapshot> noisy) {
        gauge(name, description, snapshot(s -> clean.applyAsDouble(s.noise()))).tag(TAG_LABELS, "clean").register(registry);
        gauge(name, description, snapshot(s -> noisy.applyAsDouble(s.noise()))).tag(TAG_LABELS, "noisy").register(registry);
    }

    private static ToDoubleFunction<ModelStats> labelDelay(ToDoubleFunction<LabelDelayScores> value) {
        return snapshot(s -> value.applyAsDouble(s.labelDelay()));
    }

    private static ToDoubleFunction<ModelStats> prequential(ToDoubleFunction<PrequentialSnapshot> value) {
        return snapshot(s -> value.applyAsDouble(s.prequential()));
    }
}

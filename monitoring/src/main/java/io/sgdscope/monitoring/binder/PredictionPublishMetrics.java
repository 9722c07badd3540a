package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TRAINER_PREDICTIONS_PUBLISHED;
import static io.sgdscope.monitoring.MeterNames.TRAINER_PREDICTION_PUBLISH_FAILURES;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.predict.KafkaPredictionSink;

/** The trainer's predictions on the {@code predictions} topic: acknowledged, and failed (dropped, never retried by hand). */
public final class PredictionPublishMetrics implements MeterBinder {

    private final KafkaPredictionSink sink;

    public PredictionPublishMetrics(KafkaPredictionSink sink) {
        this.sink = sink;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(TRAINER_PREDICTIONS_PUBLISHED, sink, KafkaPredictionSink::published)
                .description("Predictions the broker acknowledged on the predictions topic")
                .register(registry);
        FunctionCounter.builder(TRAINER_PREDICTION_PUBLISH_FAILURES, sink, KafkaPredictionSink::failed)
                .description("Predictions that could not be published (counted, logged, not retried)")
                .register(registry);
    }
}

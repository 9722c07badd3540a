package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TAG_OUTCOME;
import static io.sgdscope.monitoring.MeterNames.TRAINER_METRICS_COMPUTE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_METRICS_RECORDS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_METRICS_SNAPSHOTS;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.insight.InsightPublisher;
import io.sgdscope.trainer.insight.InsightWorker;
import java.util.function.ToDoubleFunction;

/**
 * The cost and fate of model metric snapshots: computed, superseded by a newer one before the
 * metrics thread got to them, or failed; the time spent computing; and the records sent to
 * {@code trainer.metrics}.
 */
public final class SnapshotMetrics implements MeterBinder {
    private final InsightWorker worker;
    private final InsightPublisher publisher;

    /** @param publisher null when snapshots are not published */
    public SnapshotMetrics(InsightWorker worker, InsightPublisher publisher) {
        this.worker = worker;
        this.publisher = publisher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        snapshots(registry, "computed", InsightWorker::computed);
        snapshots(registry, "superseded", InsightWorker::superseded);
        snapshots(registry, "failed", InsightWorker::failed);
        FunctionCounter.builder(TRAINER_METRICS_COMPUTE, worker, InsightWorker::busySeconds)
                .description("Time the metrics thread spent computing model metrics").register(registry);
        if (publisher != null) {
            records(registry, "sent", InsightPublisher::sent);
            records(registry, "failed", InsightPublisher::failed);
        }
    }

    private void snapshots(MeterRegistry registry, String outcome, ToDoubleFunction<InsightWorker> f) {
        FunctionCounter.builder(TRAINER_METRICS_SNAPSHOTS, worker, f)
                .description("Model metric snapshots, by outcome").tag(TAG_OUTCOME, outcome).register(registry);
    }

    private void records(MeterRegistry registry, String outcome, ToDoubleFunction<InsightPublisher> f) {
        FunctionCounter.builder(TRAINER_METRICS_RECORDS, publisher, f)
                .description("Metric snapshot records written to trainer.metrics, by outcome")
                .tag(TAG_OUTCOME, outcome).register(registry);
    }
}

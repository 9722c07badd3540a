package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.PRODUCER_LABELS;
import static io.sgdscope.monitoring.MeterNames.PRODUCER_PHASE;
import static io.sgdscope.monitoring.MeterNames.PRODUCER_SAMPLES;
import static io.sgdscope.monitoring.MeterNames.PRODUCER_SEND_FAILURES;
import static io.sgdscope.monitoring.MeterNames.PRODUCER_TRUTH_EVENTS;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.producers.ProducerStats;

/** Exposes a producer's counters; the producer itself never sees a registry. */
public final class ProducerMetrics implements MeterBinder {
    private final String stream;
    private final ProducerStats stats;

    public ProducerMetrics(String stream, ProducerStats stats) {
        this.stream = stream;
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(PRODUCER_SAMPLES, stats, ProducerStats::acked)
                .description("Samples the broker acknowledged")
                .baseUnit("samples")
                .tag(TAG_STREAM, stream)
                .register(registry);
        FunctionCounter.builder(PRODUCER_SEND_FAILURES, stats, ProducerStats::failed)
                .description("Samples whose send failed for good")
                .tag(TAG_STREAM, stream)
                .register(registry);
        Gauge.builder(PRODUCER_PHASE, stats, ProducerStats::phase)
                .description("Scenario phase of the last sample sent")
                .tag(TAG_STREAM, stream)
                .register(registry);
        FunctionCounter.builder(PRODUCER_TRUTH_EVENTS, stats, ProducerStats::truthEvents)
                .description("Drift truth events sent to drift.truth")
                .baseUnit("events")
                .tag(TAG_STREAM, stream)
                .register(registry);
        FunctionCounter.builder(PRODUCER_LABELS, stats, ProducerStats::labelsSent)
                .description("Labels sent apart from their samples, to labels.raw")
                .baseUnit("labels")
                .tag(TAG_STREAM, stream)
                .register(registry);
    }
}

package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.STREAMS_DLQ;
import static io.sgdscope.monitoring.MeterNames.STREAMS_RECORDS;
import static io.sgdscope.monitoring.MeterNames.TAG_OUTCOME;
import static io.sgdscope.monitoring.MeterNames.TAG_REASON;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.ValidationStats;
import java.util.Arrays;

/**
 * Validation outcomes of the streams app. Every reason is registered up front, so a reason that
 * has not happened yet reads 0 instead of being absent (rate() and alerts need the series).
 */
public final class ValidationMetrics implements MeterBinder {
    private final ValidationStats stats;

    public ValidationMetrics(ValidationStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(STREAMS_RECORDS, stats, ValidationStats::valid)
                .description("Records the streams app processed, by outcome")
                .tag(TAG_OUTCOME, "valid")
                .register(registry);
        FunctionCounter.builder(STREAMS_RECORDS, stats, s -> Arrays.stream(DlqReason.values()).mapToLong(s::rejected).sum())
                .description("Records the streams app processed, by outcome")
                .tag(TAG_OUTCOME, "dlq")
                .register(registry);
        for (DlqReason reason : DlqReason.values()) {
            FunctionCounter.builder(STREAMS_DLQ, stats, s -> s.rejected(reason))
                    .description("Records sent to the dead-letter topic, by reason")
                    .tag(TAG_REASON, reason.code())
                    .register(registry);
        }
    }
}

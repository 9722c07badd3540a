package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.SampleCodec;
import io.sgdscope.common.topic.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes each raw record to the clean sink (re-encoded in the binary codec, keyed by stream) or to
 * the DLQ sink (original bytes untouched, reason and provenance in headers).
 */
final class ValidatingProcessor implements Processor<String, byte[], String, byte[]> {

    private final SampleValidator validator;
    private final SampleCodec cleanCodec;
    private final ValidationStats stats;
    private final String cleanSink;
    private final String dlqSink;
    private ProcessorContext<String, byte[]> context;

    ValidatingProcessor(SampleValidator validator, SampleCodec cleanCodec, ValidationStats stats,
                        String cleanSink, String dlqSink) {
        this.validator = validator;
        this.cleanCodec = cleanCodec;
        this.stats = stats;
        this.cleanSink = cleanSink;
        this.dlqSink = dlqSink;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Verdict verdict = validator.validate(record.value());
        if (verdict instanceof Verdict.Valid v) {
            try {
                byte[] encoded = cleanCodec.encode(v.sample());
                stats.recordValid();
                context.forward(record.withKey(v.sample().stream()).withValue(encoded), cleanSink);
                return;
            } catch (RuntimeException e) {
                // a throw here would fail the task and replay this record for ever
                verdict = new Verdict.Invalid(DlqReason.UNENCODABLE, e.toString());
            }
        }
        Verdict.Invalid bad = (Verdict.Invalid) verdict;
        stats.recordRejected(bad.reason());
        context.forward(record.withHeaders(dlqHeaders(record.headers(), bad)), dlqSink);
    }

    private Headers dlqHeaders(Headers original, Verdict.Invalid bad) {
        Headers h = new RecordHeaders(original.toArray());
        put(h, DlqHeaders.REASON, bad.reason().code());
        put(h, DlqHeaders.MESSAGE, bad.message());
        context.recordMetadata().ifPresent((RecordMetadata m) -> {
            put(h, DlqHeaders.SOURCE_TOPIC, m.topic());
            put(h, DlqHeaders.SOURCE_PARTITION, Integer.toString(m.partition()));
            put(h, DlqHeaders.SOURCE_OFFSET, Long.toString(m.offset()));
        });
        return h;
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

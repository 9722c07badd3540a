package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;
import io.sgdscope.streams.StreamSchema;
import io.sgdscope.streams.wiring.JoinInput;
import io.sgdscope.streams.wiring.NodeNames;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routes each raw record: a valid labelled sample to drift, a valid unlabelled one to the label
 * join (as a {@link JoinInput.UnlabelledSample}), both keyed by stream; an invalid record to the
 * DLQ sink with its original bytes untouched and reason and provenance in headers. A {@code joined}
 * mark on {@code samples.raw} is dropped: it means the join made the record, and no producer does.
 */
public final class ValidatingProcessor implements Processor<String, byte[], String, Object> {

    private final SampleValidator validator;
    private final Function<String, StreamSchema> configured;
    private final ValidationStats stats;
    private final String schemaStore;
    private ProcessorContext<String, Object> context;
    private SchemaBook schemas;

    public ValidatingProcessor(SampleValidator validator, Function<String, StreamSchema> configured, ValidationStats stats,
                               StoreNames stores) {
        this.validator = validator;
        this.configured = configured;
        this.stats = stats;
        this.schemaStore = stores.schemas();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, String> store = context.getStateStore(schemaStore);
        this.schemas = new SchemaBook(configured, store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Verdict verdict = validator.validate(record.value(), record.timestamp(), schemas);
        if (verdict instanceof Verdict.Valid v) {
            Sample s = v.sample();
            if (s.joined()) {
                s = s.withLabel(s.label()); // only the label join marks a sample joined; a producer's mark is dropped
            }
            stats.recordValid();
            if (s.isLabelled()) {
                context.forward(record.withKey(s.stream()).withValue((Object) s), NodeNames.DRIFT);
            } else {
                context.forward(record.withKey(s.stream()).withValue((Object) new JoinInput.UnlabelledSample(s, record.value())),
                        NodeNames.LABEL_JOIN);
            }
            return;
        }
        Verdict.Invalid bad = (Verdict.Invalid) verdict;
        stats.recordRejected(bad.reason());
        RecordMetadata m = context.recordMetadata().orElse(null);
        context.forward(record.withValue((Object) record.value()).withHeaders(DlqRecords.headers(record.headers(), bad.reason(),
                bad.message(), m == null ? null : m.topic(), m == null ? -1 : m.partition(), m == null ? -1 : m.offset())), NodeNames.DLQ_SINK);
    }
}

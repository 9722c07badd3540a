package io.sgdscope.streams.validation;

import io.sgdscope.common.Sample;
import io.sgdscope.streams.StreamSchema;
import io.sgdscope.streams.wiring.JoinInput;
import io.sgdscope.streams.wiring.Origin;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sorts each raw record by the type it forwards (the topology's {@code split} routes by it): a valid
 * labelled sample as a {@link Sample} (to drift), a valid unlabelled one as a
 * {@link JoinInput.UnlabelledSample} (to the label join, with its {@link Origin} and the stream's
 * schema in headers), both keyed by stream; an invalid record as its original {@code byte[]}
 * (to the DLQ) with reason and provenance in headers. A {@code joined}
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
                // one new record, not withKey(..).withValue(..): each Record copies its headers
                context.forward(new Record<>(s.stream(), (Object) s, record.timestamp(), record.headers()));
            } else {
                // the join runs in another task (by sample id): it gets where the record came from and the stream's schema
                Headers h = Origin.of(context.recordMetadata().orElse(null), s.stream()).stampOn(record.headers());
                Origin.put(h, Origin.SCHEMA, schemas.describe(s.stream()));
                context.forward(record.withKey(s.stream()).withHeaders(h)
                        .withValue((Object) new JoinInput.UnlabelledSample(s, record.value())));
            }
            return;
        }
        Verdict.Invalid bad = (Verdict.Invalid) verdict;
        stats.recordRejected(bad.reason());
        // an extra input's record came through a repartition, which stamped where it was first read
        Origin o = Origin.read(record.headers(), Origin.of(context.recordMetadata().orElse(null), record.key()));
        context.forward(record.withKey(o.key()).withValue((Object) record.value()).withHeaders(DlqRecords.headers(
                Origin.strip(record.headers()), bad.reason(), bad.message(), o.topic(), o.partition(), o.offset())));
    }
}

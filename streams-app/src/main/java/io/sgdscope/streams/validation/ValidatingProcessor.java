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
 * Validates the records of the task that owns a stream: raw samples (a {@code byte[]}) and the
 * stream's labels (a {@link JoinInput.RawLabel}, repartitioned by stream), against one
 * {@link SchemaBook}, so that a stream's learned task has one authority. Each record is forwarded
 * as the type the topology's {@code split} routes by: a valid labelled sample as a {@link Sample}
 * (to drift) and a valid unlabelled one as a {@link JoinInput.UnlabelledSample} (to the label join,
 * with its {@link Origin} in headers), both keyed by stream; a valid label as its
 * {@link JoinInput.RawLabel}, keyed by sample id (to the label join); an invalid record as its
 * original {@code byte[]} (to the DLQ) with reason and provenance in headers. A {@code joined} mark
 * on {@code samples.raw} is dropped: it means the join made the record, and no producer does.
 */
public final class ValidatingProcessor implements Processor<String, Object, String, Object> {

    private final SampleValidator validator;
    private final LabelValidator labels;
    private final Function<String, StreamSchema> configured;
    private final ValidationStats stats;
    private final String schemaStore;
    private ProcessorContext<String, Object> context;
    private SchemaBook schemas;

    public ValidatingProcessor(SampleValidator validator, Function<String, StreamSchema> configured, ValidationStats stats,
                               StoreNames stores) {
        this.validator = validator;
        this.labels = new LabelValidator(validator);
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
    public void process(Record<String, Object> record) {
        if (record.value() instanceof JoinInput.RawLabel label) {
            processLabel(record, label);
        } else {
            processSample(record, (byte[]) record.value());
        }
    }

    private void processSample(Record<String, Object> record, byte[] bytes) {
        Verdict verdict = validator.validate(bytes, record.timestamp(), schemas);
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
                // the join runs in another task (by sample id): it gets where the record came from
                Headers h = Origin.of(context.recordMetadata().orElse(null), s.stream()).stampOn(record.headers());
                context.forward(record.withKey(s.stream()).withHeaders(h)
                        .withValue((Object) new JoinInput.UnlabelledSample(s, bytes)));
            }
            return;
        }
        toDlq(record, bytes, (Verdict.Invalid) verdict);
    }

    /** A label's origin was stamped before its repartition by stream, so its headers already say where it was read. */
    private void processLabel(Record<String, Object> record, JoinInput.RawLabel label) {
        Verdict verdict = labels.validate(label.bytes(), record.timestamp(), schemas);
        if (verdict instanceof Verdict.ValidLabel v) {
            context.forward(record.withKey(v.label().sampleId()));
            return;
        }
        toDlq(record, label.bytes(), (Verdict.Invalid) verdict);
    }

    private void toDlq(Record<String, Object> record, byte[] original, Verdict.Invalid bad) {
        stats.recordRejected(bad.reason());
        // a label, or an extra input's sample, came through a repartition, which stamped where it was first read
        Origin o = Origin.read(record.headers(), Origin.of(context.recordMetadata().orElse(null), record.key()));
        context.forward(record.withKey(o.key()).withValue((Object) original).withHeaders(DlqRecords.headers(
                Origin.strip(record.headers()), bad.reason(), bad.message(), o.topic(), o.partition(), o.offset())));
    }
}

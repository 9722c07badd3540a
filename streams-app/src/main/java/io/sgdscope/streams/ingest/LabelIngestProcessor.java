package io.sgdscope.streams.ingest;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.LabelMapping;
import io.sgdscope.ingest.LabelOutcome;
import io.sgdscope.ingest.MappingOutcome;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.DlqRecords;
import io.sgdscope.streams.validation.ValidationStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Maps each record of a {@code labels-from} topic onto the {@code labels.raw} contract (JSON, keyed
 * by sample id), so the delayed-label join treats it like any label: waits for its sample, joins
 * it, scores at label time. A record that does not map goes to the DLQ with its original bytes.
 */
final class LabelIngestProcessor implements Processor<byte[], IngestRecord, String, Routed> {

    private final LabelMapping mapping;
    private final ValidationStats stats;
    private final JsonLabelCodec codec = new JsonLabelCodec();
    private ProcessorContext<String, Routed> context;

    LabelIngestProcessor(LabelMapping mapping, ValidationStats stats) {
        this.mapping = mapping;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], IngestRecord> record) {
        IngestRecord r = record.value();
        LabelOutcome outcome = mapping.map(r);
        if (outcome instanceof LabelOutcome.Mapped m) {
            LabelRecord label = m.label();
            context.forward(new Record<String, Routed>(label.sampleId(), new Routed.ToLabels(codec.encode(label)),
                    record.timestamp(), record.headers()));
            return;
        }
        MappingOutcome.Rejected bad = (MappingOutcome.Rejected) outcome;
        DlqReason reason = DlqReason.of(bad.failure());
        stats.recordRejected(reason);
        context.forward(new Record<String, Routed>(IngestProcessor.keyText(r.key()), new Routed.ToDlq(r.value()),
                record.timestamp(), DlqRecords.headers(record.headers(), reason, bad.detail(), r.topic(), r.partition(),
                r.offset())));
    }
}

package io.sgdscope.streams.ingest;

import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.ingest.CompiledMapping;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.MappingOutcome;
import io.sgdscope.ingest.VocabularyState;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.DlqRecords;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.streams.wiring.Origin;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps each record of one foreign topic: a sample goes on in the binary codec keyed by stream, to be
 * validated like any sample; a rejected record goes to the DLQ with its original bytes, the reason
 * ({@link DlqReason#of(io.sgdscope.ingest.IngestFailure)}) and where it was read. When the mapping
 * learns, its state is the task's changelogged store (the records were repartitioned by stream
 * before, so this task sees all of a stream), and each time a stream's vocabulary grows, the stream's
 * feature table, with the learned values named, goes to {@code features.schema}.
 */
final class IngestProcessor<K> implements Processor<K, IngestRecord, String, Routed> {

    private final CompiledMapping mapping;
    private final String storeName;
    private final ValidationStats stats;
    private final FeatureCatalog catalog;
    private final BinarySampleCodec codec = new BinarySampleCodec();
    private ProcessorContext<String, Routed> context;
    private VocabularyState vocab = VocabularyState.NONE;
    private StoreVocabularyState learned;

    /** @param storeName the store of the mapping's learned state; null when it learns nothing */
    IngestProcessor(CompiledMapping mapping, String storeName, ValidationStats stats, FeatureCatalog catalog) {
        this.mapping = mapping;
        this.storeName = storeName;
        this.stats = stats;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        if (storeName != null) {
            KeyValueStore<String, String> store = context.getStateStore(storeName);
            learned = new StoreVocabularyState(store);
            vocab = learned;
        }
    }

    @Override
    public void process(Record<K, IngestRecord> record) {
        IngestRecord r = record.value();
        MappingOutcome outcome = mapping.map(r, vocab);
        if (outcome instanceof MappingOutcome.Mapped m) {
            Sample s = m.sample();
            byte[] bytes;
            try {
                bytes = codec.encode(s);
            } catch (IllegalArgumentException e) { // an id or stream longer than the binary format holds
                reject(record, r, DlqReason.TOO_LARGE, e.getMessage());
                return;
            }
            // stamped with where it was read, so that a sample validation rejects names its foreign record
            Origin origin = new Origin(r.topic(), r.partition(), r.offset(), keyText(r.key()));
            context.forward(new Record<String, Routed>(s.stream(), new Routed.ToSamples(bytes), record.timestamp(),
                    origin.stampOn(record.headers())));
        } else {
            MappingOutcome.Rejected bad = (MappingOutcome.Rejected) outcome;
            reject(record, r, DlqReason.of(bad.failure()), bad.detail());
        }
        if (learned != null) {
            for (String stream : learned.takeGrown()) {
                String table = LearnedNames.table(mapping.featureTable(), stream, learned).toJson();
                catalog.put(stream, table);
                context.forward(new Record<String, Routed>(stream, new Routed.ToSchema(table), record.timestamp(),
                        new RecordHeaders()));
            }
        }
    }

    private void reject(Record<K, IngestRecord> record, IngestRecord r, DlqReason reason, String detail) {
        stats.recordRejected(reason);
        context.forward(new Record<String, Routed>(keyText(r.key()), new Routed.ToDlq(r.value()), record.timestamp(),
                DlqRecords.headers(record.headers(), reason, detail, r.topic(), r.partition(), r.offset())));
    }

    /** The DLQ is keyed by string; a foreign key is kept as its UTF-8 reading (the original bytes stay in the value). */
    static String keyText(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }
}

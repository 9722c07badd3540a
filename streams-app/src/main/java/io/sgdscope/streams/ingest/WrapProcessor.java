package io.sgdscope.streams.ingest;

import io.sgdscope.ingest.IngestRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Turns a foreign record's bytes into an {@link IngestRecord}, with the topic, partition and offset it was read at. */
final class WrapProcessor implements FixedKeyProcessor<byte[], byte[], IngestRecord> {

    private final String topic;
    private FixedKeyProcessorContext<byte[], IngestRecord> context;

    WrapProcessor(String topic) {
        this.topic = topic;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], IngestRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        IngestRecord r = m == null
                ? new IngestRecord(topic, -1, -1, record.timestamp(), record.key(), record.value())
                : new IngestRecord(m.topic(), m.partition(), m.offset(), record.timestamp(), record.key(), record.value());
        context.forward(record.withValue(r));
    }
}

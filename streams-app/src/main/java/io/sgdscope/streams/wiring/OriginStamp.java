package io.sgdscope.streams.wiring;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Writes each record's {@link Origin} (topic, partition, offset and key as read) into its headers, before a repartition. */
public final class OriginStamp<V> implements FixedKeyProcessor<String, V, V> {

    private FixedKeyProcessorContext<String, V> context;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        Origin here = Origin.of(context.recordMetadata().orElse(null), record.key());
        context.forward(record.withHeaders(here.stampOn(record.headers())));
    }
}

package io.sgdscope.common.codec;

import io.sgdscope.common.LabelRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde over {@link JsonLabelCodec}. A null record maps to null both ways. */
public final class LabelSerdes {

    private LabelSerdes() {
    }

    public static Serde<LabelRecord> json() {
        JsonLabelCodec codec = new JsonLabelCodec();
        Serializer<LabelRecord> ser = (topic, r) -> r == null ? null : codec.encode(r);
        Deserializer<LabelRecord> de = (topic, b) -> b == null ? null : codec.decode(b);
        return Serdes.serdeFrom(ser, de);
    }
}

package io.sgdscope.common.codec;

import io.sgdscope.common.Sample;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes over the two codecs. A null record (tombstone) maps to null both ways. */
public final class SampleSerdes {

    private SampleSerdes() {
    }

    public static Serde<Sample> json() {
        return of(new JsonSampleCodec());
    }

    public static Serde<Sample> binary() {
        return of(new BinarySampleCodec());
    }

    public static Serde<Sample> of(SampleCodec codec) {
        Serializer<Sample> ser = (topic, sample) -> sample == null ? null : codec.encode(sample);
        Deserializer<Sample> de = (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
        return Serdes.serdeFrom(ser, de);
    }
}

package io.sgdscope.common.codec;

import io.sgdscope.common.Sample;
import java.nio.ByteBuffer;
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
        return Serdes.serdeFrom(ser, new SampleDeserializer(codec));
    }

    /**
     * The codec's decode, of a byte array or, without copying it first, of the buffer a consumer
     * hands over (a consumer with this deserializer, or one with Kafka's {@code ByteBufferDeserializer}
     * that decodes later, as the trainer does).
     */
    private record SampleDeserializer(SampleCodec codec) implements Deserializer<Sample> {
        @Override
        public Sample deserialize(String topic, byte[] bytes) {
            return bytes == null ? null : codec.decode(bytes);
        }

        @Override
        public Sample deserialize(String topic, org.apache.kafka.common.header.Headers headers, ByteBuffer bytes) {
            return bytes == null ? null : codec.decodeBuffer(bytes);
        }
    }
}

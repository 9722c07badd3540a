package io.sgdscope.streams.wiring;

import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The bytes of a {@link JoinInput} on the join's repartition topics. A raw label stays its raw
 * bytes (tag {@code L}, then a presence byte, so that null and empty survive); an unlabelled
 * sample is its binary encoding and its original bytes (tag {@code S}, length-prefixed sample).
 */
public final class JoinInputSerde {

    private static final byte LABEL = 'L';
    private static final byte SAMPLE = 'S';

    private JoinInputSerde() {
    }

    public static Serde<JoinInput> serde() {
        BinarySampleCodec codec = new BinarySampleCodec();
        Serializer<JoinInput> ser = (topic, v) -> {
            if (v == null) {
                return null;
            }
            if (v instanceof JoinInput.RawLabel l) {
                byte[] b = l.bytes();
                ByteBuffer out = ByteBuffer.allocate(2 + (b == null ? 0 : b.length));
                out.put(LABEL).put((byte) (b == null ? 0 : 1));
                if (b != null) {
                    out.put(b);
                }
                return out.array();
            }
            JoinInput.UnlabelledSample s = (JoinInput.UnlabelledSample) v;
            byte[] sample = codec.encode(s.sample());
            byte[] original = s.original();
            return ByteBuffer.allocate(1 + 4 + sample.length + original.length)
                    .put(SAMPLE).putInt(sample.length).put(sample).put(original).array();
        };
        Deserializer<JoinInput> de = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            byte tag = in.get();
            if (tag == LABEL) {
                if (in.get() == 0) {
                    return new JoinInput.RawLabel(null);
                }
                byte[] b = new byte[in.remaining()];
                in.get(b);
                return new JoinInput.RawLabel(b);
            }
            if (tag != SAMPLE) {
                throw new IllegalStateException("join input tag " + tag + " on " + topic + ": not written by this app");
            }
            byte[] sample = new byte[in.getInt()];
            in.get(sample);
            byte[] original = new byte[in.remaining()];
            in.get(original);
            Sample decoded = codec.decode(sample);
            return new JoinInput.UnlabelledSample(decoded, original);
        };
        return Serdes.serdeFrom(ser, de);
    }
}

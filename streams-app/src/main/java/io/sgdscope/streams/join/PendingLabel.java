package io.sgdscope.streams.join;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.streams.wiring.Origin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A label waiting for its sample: parsed, plus the original record (key, bytes, source) so that
 * an orphan can still go to the DLQ unchanged.
 */
record PendingLabel(LabelRecord label, String originalKey, byte[] original, String topic, int partition, long offset) {

    /** Where the label record was first read, for its DLQ record. */
    Origin origin() {
        return new Origin(topic, partition, offset, originalKey);
    }

    static Serde<PendingLabel> serde(io.sgdscope.common.codec.JsonLabelCodec codec) {
        return Serdes.serdeFrom((t, p) -> p == null ? null : p.encode(), (t, b) -> b == null ? null : decode(b, codec));
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(original.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(originalKey != null);
            if (originalKey != null) {
                writeString(out, originalKey);
            }
            writeString(out, topic == null ? "" : topic);
            out.writeInt(partition);
            out.writeLong(offset);
            out.writeInt(original.length);
            out.write(original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static PendingLabel decode(byte[] b, io.sgdscope.common.codec.JsonLabelCodec codec) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            String key = in.readBoolean() ? readString(in) : null;
            String topic = readString(in);
            int partition = in.readInt();
            long offset = in.readLong();
            byte[] original = in.readNBytes(in.readInt());
            return new PendingLabel(codec.decode(original), key, original, topic, partition, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
    }
}

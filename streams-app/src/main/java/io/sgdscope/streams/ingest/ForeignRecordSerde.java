package io.sgdscope.streams.ingest;

import io.sgdscope.ingest.IngestRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A foreign record with where it was read, for the repartition topic that gives one task every
 * record of a stream: after the hop, the record's own topic, partition and offset (the default
 * sample id, and the DLQ's source headers) would otherwise be the repartition topic's. Layout:
 * version byte 1, topic (u16 length + UTF-8), partition (i32), offset (i64), timestamp (i64), key
 * and value (i32 length, -1 for null, + bytes).
 */
final class ForeignRecordSerde {

    private static final byte VERSION = 1;

    private ForeignRecordSerde() {
    }

    static Serde<IngestRecord> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    private static Serializer<IngestRecord> serializer() {
        return (topic, r) -> {
            if (r == null) {
                return null;
            }
            byte[] name = r.topic().getBytes(StandardCharsets.UTF_8);
            int size = 1 + 2 + name.length + 4 + 8 + 8 + 4 + length(r.key()) + 4 + length(r.value());
            ByteBuffer b = ByteBuffer.allocate(size);
            b.put(VERSION).putShort((short) name.length).put(name).putInt(r.partition()).putLong(r.offset())
                    .putLong(r.timestampMs());
            putBytes(b, r.key());
            putBytes(b, r.value());
            return b.array();
        };
    }

    private static Deserializer<IngestRecord> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            byte version = b.get();
            if (version != VERSION) {
                throw new IllegalStateException("ingest repartition record of version " + version + ", expected " + VERSION);
            }
            byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(name);
            int partition = b.getInt();
            long offset = b.getLong();
            long timestamp = b.getLong();
            byte[] key = getBytes(b);
            byte[] value = getBytes(b);
            return new IngestRecord(new String(name, StandardCharsets.UTF_8), partition, offset, timestamp, key, value);
        };
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void putBytes(ByteBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.putInt(-1);
        } else {
            b.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return bytes;
    }
}

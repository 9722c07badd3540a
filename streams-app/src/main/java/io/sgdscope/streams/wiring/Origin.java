package io.sgdscope.streams.wiring;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a record was first read (topic, partition, offset, key), carried in headers across a
 * repartition topic: after a repartition, Kafka Streams' record metadata names the repartition
 * topic, but a DLQ record must name {@code samples.raw} or {@code labels.raw} and keep its original
 * key. The headers are internal: {@link #strip} removes them before a record leaves the app.
 *
 * @param key the original key, possibly null
 */
public record Origin(String topic, int partition, long offset, String key) {

    static final String TOPIC = "sgdscope.origin.topic";
    static final String PARTITION = "sgdscope.origin.partition";
    static final String OFFSET = "sgdscope.origin.offset";
    static final String KEY = "sgdscope.origin.key";

    /** Unknown: no metadata (a punctuation) and no headers. */
    public static final Origin UNKNOWN = new Origin(null, -1, -1, null);

    public static Origin of(RecordMetadata m, String key) {
        return m == null ? new Origin(null, -1, -1, key) : new Origin(m.topic(), m.partition(), m.offset(), key);
    }

    /** A copy of {@code headers} with this origin written in (replacing an earlier one). */
    public Headers stampOn(Headers headers) {
        Headers h = strip(headers);
        if (topic != null) {
            put(h, TOPIC, topic);
            put(h, PARTITION, Integer.toString(partition));
            put(h, OFFSET, Long.toString(offset));
        }
        if (key != null) {
            put(h, KEY, key);
        }
        return h;
    }

    /**
     * The origin stamped on {@code headers}; with none there, {@code here} (the current record's own
     * metadata and key: the record was not repartitioned).
     */
    public static Origin read(Headers headers, Origin here) {
        String t = text(headers, TOPIC);
        if (t == null) {
            return here;
        }
        return new Origin(t, Integer.parseInt(text(headers, PARTITION)), Long.parseLong(text(headers, OFFSET)), text(headers, KEY));
    }

    /** A copy of {@code headers} without any origin header. */
    public static Headers strip(Headers headers) {
        Headers h = new RecordHeaders(headers.toArray());
        for (String k : new String[] {TOPIC, PARTITION, OFFSET, KEY}) {
            h.remove(k);
        }
        return h;
    }

    private static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

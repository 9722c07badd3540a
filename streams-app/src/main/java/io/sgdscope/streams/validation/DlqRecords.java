package io.sgdscope.streams.validation;

import io.sgdscope.common.topic.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a DLQ record: the original headers plus reason, message and source. */
public final class DlqRecords {

    private DlqRecords() {
    }

    public static Headers headers(Headers original, DlqReason reason, String message, String topic, int partition, long offset) {
        Headers h = new RecordHeaders(original.toArray());
        put(h, DlqHeaders.REASON, reason.code());
        put(h, DlqHeaders.MESSAGE, message);
        if (topic != null) {
            put(h, DlqHeaders.SOURCE_TOPIC, topic);
            put(h, DlqHeaders.SOURCE_PARTITION, Integer.toString(partition));
            put(h, DlqHeaders.SOURCE_OFFSET, Long.toString(offset));
        }
        return h;
    }

    private static void put(Headers h, String key, String value) {
        h.remove(key);
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

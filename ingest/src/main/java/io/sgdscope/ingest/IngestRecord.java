package io.sgdscope.ingest;

/**
 * One record of a foreign topic as it was read: where it came from, its Kafka timestamp and its raw
 * key and value bytes (either may be null). The bytes are not copied; callers must not mutate them.
 */
public record IngestRecord(String topic, int partition, long offset, long timestampMs, byte[] key, byte[] value) {

    public IngestRecord {
        java.util.Objects.requireNonNull(topic, "topic");
    }

    /** The default sample id: {@code topic-partition-offset}, unique per record of a topic. */
    public String defaultId() {
        return topic + "-" + partition + "-" + offset;
    }
}

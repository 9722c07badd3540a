package io.sgdscope.common.topic;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Set;

/**
 * How many partitions and replicas every sgdscope topic has. Partitions bound the parallelism:
 * each partition is worked on by one streams-app task and one trainer at a time, and one stream
 * lives in one partition. The streams app gives its repartition topics the same counts.
 *
 * @param partitions        {@code topics.partitions}, at least 1
 * @param replicationFactor {@code topics.replication-factor}, at least 1 (and at most the number of brokers)
 */
public record TopicLayout(int partitions, short replicationFactor) {

    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final Set<String> KEYS = Set.of(PARTITIONS, REPLICATION_FACTOR);

    /** One partition, one replica: a single local broker. */
    public static final TopicLayout SINGLE = new TopicLayout(1, (short) 1);

    public TopicLayout {
        if (partitions < 1 || partitions > 10_000) {
            throw new ConfigException(PARTITIONS, "must be between 1 and 10000, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new ConfigException(REPLICATION_FACTOR, "must be >= 1, got " + replicationFactor);
        }
    }

    public static TopicLayout from(RawConfig raw) {
        return new TopicLayout(raw.intValue(PARTITIONS, 1, 1, 10_000),
                (short) raw.intValue(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE));
    }
}

package io.sgdscope.trainer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets the training thread has trained up to, for the polling thread to commit: the group's
 * offsets say what was trained, never merely what was polled. Written by the training thread after
 * each partition's batch, read by the poller for its periodic commits; the final offsets are handed
 * over once, when training has stopped, for the poller's last commit.
 */
final class TrainedOffsets {

    private final Map<TopicPartition, OffsetAndMetadata> next = new ConcurrentHashMap<>();
    private final CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> last = new CompletableFuture<>();
    /** Bumped after every trained batch: the poller commits only when it moved. */
    private volatile long version;

    /** The training thread's: {@code tp} is trained up to, not including, {@code nextOffset}. */
    void trainedTo(TopicPartition tp, long nextOffset) {
        if (nextOffset >= 0) {
            next.put(tp, new OffsetAndMetadata(nextOffset));
        }
    }

    /** The training thread's (the only writer), after a batch of one or more partitions. */
    void moved() {
        version++;
    }

    /** The training thread's: the partition is no longer trained here; its offset is committed by whoever revoked it. */
    void forget(TopicPartition tp) {
        next.remove(tp);
    }

    long version() {
        return version;
    }

    /** A copy, to commit. */
    Map<TopicPartition, OffsetAndMetadata> snapshot() {
        return new HashMap<>(next);
    }

    /** The training thread's, once: training has stopped at these offsets. */
    void finish(Map<TopicPartition, OffsetAndMetadata> offsets) {
        last.complete(Map.copyOf(offsets));
    }

    /** The offsets training stopped at, once it has. */
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> last() {
        return last;
    }
}

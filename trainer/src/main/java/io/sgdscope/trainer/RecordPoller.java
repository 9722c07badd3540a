package io.sgdscope.trainer;

import io.sgdscope.common.Sample;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's polling thread: the only thread that touches the {@code KafkaConsumer} (which is
 * single-threaded). It polls, decodes the values, and hands each poll's batches to the training
 * thread through a bounded {@link HandOff}, so Kafka's record parsing and the decoding (together
 * about a quarter of the training thread when it polled itself) overlap training on a second core.
 *
 * <p>Everything that needs the models happens on the training thread, in hand-off order: a
 * rebalance callback hands an event over and waits for its outcome (the offsets to seek to on
 * assignment, the trained offsets to commit on revocation), so the revoked partitions' handed-over
 * records are trained and checkpointed before the callback returns. The group's offsets are the
 * trained ones ({@link TrainedOffsets}), committed from here every {@value #COMMIT_EVERY_MS} ms while
 * they move, and once more when training stops.
 */
final class RecordPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPoller.class);
    /**
     * Commits the trained offsets to the group at most this often while records flow, and after any
     * poll that came back empty: a commit per poll was 2% of the thread that polled, and the group's
     * offsets serve lag monitoring and runs without checkpoints, where at most that much more is
     * trained again after a crash.
     */
    static final long COMMIT_EVERY_MS = 100;
    /** An idle poll returns this often, so trained offsets reach the group this soon after the last batch. */
    private static final Duration POLL = Duration.ofMillis(COMMIT_EVERY_MS);

    /** What happened to the consumer between two batches; the training thread answers the ones with a future. */
    sealed interface Event permits Assigned, Revoked, Lost, KeySkipped, CaughtUp {
    }

    /** Partitions assigned: the training thread creates or restores their models and answers where to seek. */
    record Assigned(List<TopicPartition> partitions, CompletableFuture<Map<TopicPartition, Long>> seeks)
            implements Event {
    }

    /** Partitions revoked: the training thread checkpoints and drops them and answers their trained offsets. */
    record Revoked(List<TopicPartition> partitions,
                   CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> offsets) implements Event {
    }

    /** Partitions lost to another member without a revocation: the training thread drops their models. */
    record Lost(List<TopicPartition> partitions, CompletableFuture<Void> dropped) implements Event {
    }

    /** A record whose key did not decode: the consumer has moved past it, and so must the partition's offset. */
    record KeySkipped(TopicPartition partition, long offset, String why) implements Event {
    }

    /** Every assigned partition was read to its end ({@link TrainerConfig#STOP_AT_END}): nothing follows. */
    record CaughtUp() implements Event {
    }

    /**
     * One partition's records of a poll, decoded: for record {@code i}, its offset, Kafka timestamp and
     * sample (null for a record without a value), or why its value did not decode ({@code failures} is
     * null when every value decoded).
     */
    record PartitionBatch(TopicPartition partition, long[] offsets, long[] timestamps, Sample[] samples,
                          RuntimeException[] failures) {
        int size() {
            return offsets.length;
        }

        RuntimeException failure(int i) {
            return failures == null ? null : failures[i];
        }
    }

    /** One poll's batches, one per partition, and how many records they hold. */
    record Polled(List<PartitionBatch> partitions, int records) {
    }

    private final Consumer<String, ByteBuffer> consumer;
    private final String topic;
    private final Deserializer<Sample> deserializer;
    private final HandOff<Polled, Event> handOff;
    private final TrainedOffsets trained;
    private final TrainerStats stats;
    private final boolean stopAtEnd;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long committedVersion;
    private long lastCommitMs;

    RecordPoller(Consumer<String, ByteBuffer> consumer, String topic, Deserializer<Sample> deserializer,
                 HandOff<Polled, Event> handOff, TrainedOffsets trained, TrainerStats stats, boolean stopAtEnd) {
        this.consumer = consumer;
        this.topic = topic;
        this.deserializer = deserializer;
        this.handOff = handOff;
        this.trained = trained;
        this.stats = stats;
        this.stopAtEnd = stopAtEnd;
    }

    @Override
    public void run() {
        boolean caughtUp = false;
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            caughtUp = pollUntilStopped();
        } catch (WakeupException e) {
            // stop() woke us from poll: a normal shutdown
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (!caughtUp) {
                // the training thread stops at once; after CaughtUp it first trains what is handed over
                handOff.close();
            }
            finish();
        }
    }

    /** True if it stopped because the input was read to its end. */
    private boolean pollUntilStopped() throws InterruptedException {
        while (!stopping) {
            ConsumerRecords<String, ByteBuffer> records;
            try {
                records = consumer.poll(POLL);
            } catch (RecordDeserializationException e) {
                // a key that does not decode: past it, and the training thread reports it in order
                consumer.seek(e.topicPartition(), e.offset() + 1);
                if (!handOff.event(new KeySkipped(e.topicPartition(), e.offset(), e.getMessage()))) {
                    return false;
                }
                continue;
            }
            if (!records.isEmpty() && !handOver(decode(records))) {
                return false;
            }
            commitIfDue(records.isEmpty());
            recordLag();
            if (stopAtEnd && caughtUp()) {
                handOff.event(new CaughtUp());
                return true;
            }
        }
        return false;
    }

    /** Decodes every value here, off the training thread; a value that does not decode fails alone. */
    private Polled decode(ConsumerRecords<String, ByteBuffer> records) {
        Set<TopicPartition> tps = records.partitions();
        List<PartitionBatch> batches = new ArrayList<>(tps.size());
        int total = 0;
        for (TopicPartition tp : tps) {
            List<ConsumerRecord<String, ByteBuffer>> rs = records.records(tp);
            int n = rs.size();
            long[] offsets = new long[n];
            long[] timestamps = new long[n];
            Sample[] samples = new Sample[n];
            RuntimeException[] failures = null;
            for (int i = 0; i < n; i++) {
                ConsumerRecord<String, ByteBuffer> r = rs.get(i);
                offsets[i] = r.offset();
                timestamps[i] = r.timestamp();
                try {
                    // the value is a slice of the fetch's buffer (ByteBufferDeserializer), decoded in place
                    samples[i] = deserializer.deserialize(r.topic(), r.headers(), r.value());
                } catch (RuntimeException e) {
                    if (failures == null) {
                        failures = new RuntimeException[n];
                    }
                    failures[i] = e;
                }
            }
            batches.add(new PartitionBatch(tp, offsets, timestamps, samples, failures));
            total += n;
        }
        return new Polled(batches, total);
    }

    /**
     * Waits for room in the hand-off (back-pressure: no poll meanwhile, so the consumer fetches no
     * further ahead), committing the trained offsets while it waits; false once the hand-off is closed.
     */
    private boolean handOver(Polled polled) throws InterruptedException {
        while (true) {
            long sinceCommit = clock.millis() - lastCommitMs;
            long waitMs = sinceCommit < COMMIT_EVERY_MS ? COMMIT_EVERY_MS - sinceCommit : COMMIT_EVERY_MS;
            switch (handOff.offer(polled, polled.records(), TimeUnit.MILLISECONDS.toNanos(waitMs))) {
                case HANDED:
                    return true;
                case CLOSED:
                    return false;
                default: // FULL: the trainer is behind
                    commitIfDue(false);
                    recordLag();
            }
        }
    }

    private void commitIfDue(boolean idle) {
        long version = trained.version();
        long now = clock.millis();
        if (version != committedVersion && (idle || now - lastCommitMs >= COMMIT_EVERY_MS)) {
            consumer.commitAsync(trained.snapshot(), null);
            committedVersion = version;
            lastCommitMs = now;
        }
    }

    /**
     * Records behind the end of the assigned partitions: the consumer's lag (from its last fetch
     * metadata, no request to the broker) plus the records handed over and not trained yet.
     */
    private void recordLag() {
        long total = handOff.pendingRecords();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return;
            }
            total += lag.getAsLong();
        }
        stats.recordConsumerLag(total);
    }

    private boolean caughtUp() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : assigned) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs inside poll(): each event is answered by the training thread before the callback returns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Assigned event = new Assigned(List.copyOf(assigned), new CompletableFuture<>());
            if (handOff.event(event)) {
                outcome(event.seeks()).forEach(consumer::seek);
            }
            // else training has stopped: nothing is restored, nothing will be handed over
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Revoked event = new Revoked(List.copyOf(revoked), new CompletableFuture<>());
            Map<TopicPartition, OffsetAndMetadata> offsets = handOff.event(event)
                    ? outcome(event.offsets())
                    : revokedOf(outcome(trained.last()), revoked); // training stopped at these, e.g. on close
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("offset commit on revocation failed: {}", e.toString());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            Lost event = new Lost(List.copyOf(lost), new CompletableFuture<>());
            if (handOff.event(event)) {
                outcome(event.dropped());
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> revokedOf(Map<TopicPartition, OffsetAndMetadata> offsets,
                                                                   Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        for (TopicPartition tp : revoked) {
            OffsetAndMetadata o = offsets.get(tp);
            if (o != null) {
                m.put(tp, o);
            }
        }
        return m;
    }

    /** Waits for the training thread's answer; its failure fails the poll that ran the callback. */
    private static <T> T outcome(CompletableFuture<T> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the training thread failed: " + e.getCause(), e.getCause());
        }
    }

    /** Once training has stopped: commits where it stopped, then leaves the group. */
    private void finish() {
        try {
            Map<TopicPartition, OffsetAndMetadata> last = outcome(trained.last());
            commitFinalOffsets(last);
        } catch (RuntimeException e) {
            LOG.warn("no final offset commit, the last batch may be trained again: {}", e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(3)));
        }
    }

    /**
     * A stop() that lands outside poll() leaves its wakeup pending, and the next blocking call
     * throws it instead of committing; that call is simply made again.
     */
    private void commitFinalOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(3));
                return;
            } catch (WakeupException e) {
                // the pending wakeup is now consumed
            } catch (RuntimeException e) {
                LOG.warn("final offset commit failed, the last batch may be trained again: {}", e.toString());
                return;
            }
        }
    }

    /** Why polling ended, if it failed. */
    Throwable failure() {
        return failure;
    }

    /** Safe from any thread: ends the poll loop promptly and the hand-off with it. */
    void stop() {
        stopping = true;
        consumer.wakeup();
        handOff.close();
    }
}

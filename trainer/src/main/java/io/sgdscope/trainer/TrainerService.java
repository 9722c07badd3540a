package io.sgdscope.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.model.ModelBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code samples.clean} and trains prequentially, one {@link PartitionTrainer} per
 * assigned partition. Reads only committed records. With checkpoints enabled the checkpoint, not
 * the consumer group, is the source of truth for offsets: on assignment the partition's models are
 * restored from its newest intact checkpoint and the consumer seeks to the offset saved with them,
 * so each sample changes the models exactly once across crashes. Offsets are still committed to
 * the group, for lag monitoring and for runs without checkpoints.
 */
public final class TrainerService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_LOGGED_INCOMPATIBLE = 10;
    private static final long COMMIT_EVERY_MS = 100;

    private final Consumer<String, ByteBuffer> consumer;
    /** Decodes each polled batch alongside training; see {@link DecodeAhead}. */
    private final DecodeAhead decoder;
    private final Topic<String, Sample> topic;
    private final TrainerConfig config;
    /** Parsed once; every partition builds its models from them. */
    private final List<VariantSpec> variants;
    private final TrainingContext context;
    private final TrainerStats stats;
    private final Optional<CheckpointStore> checkpoints;
    private final Map<String, String> provenance;
    private final Clock clock;
    private final Map<TopicPartition, PartitionTrainer> partitions = new HashMap<>();
    private final Map<TopicPartition, Long> lastCheckpointMs = new HashMap<>();
    private volatile boolean stopping;
    private boolean uncommitted;
    private long lastCommitMs;

    /**
     * @param consumer reads {@code topic}'s values as buffers ({@link #createConsumer}): they are decoded
     *                 with the topic's serde alongside training, on a helper thread when the machine has
     *                 more than one core
     */
    public TrainerService(Consumer<String, ByteBuffer> consumer, Topic<String, Sample> topic, TrainerConfig config,
                          TrainingContext context, TrainerStats stats, Map<String, String> provenance) {
        this.consumer = consumer;
        this.decoder = new DecodeAhead(topic.valueSerde().deserializer(),
                Runtime.getRuntime().availableProcessors() > 1, "sgdscope-trainer-decoder");
        this.topic = topic;
        this.config = config;
        this.variants = config.variantSpecs();
        // the held-out set is read once, here, unless the caller already gave one
        this.context = config.holdout().enabled() && context.holdout().isEmpty()
                ? context.withHoldout(HoldoutSet.load(config.holdout())) : context;
        ModelBackend backend = context.backend();
        this.stats = stats;
        this.provenance = Map.copyOf(provenance);
        this.clock = Clock.systemUTC();
        this.checkpoints = config.checkpoint().enabled()
                ? Optional.of(new CheckpointStore(config.checkpoint().dir(), config.checkpoint().keep(),
                        backend.fileFormat(), variant -> backend.resolve(specOf(variant))))
                : Optional.empty();
    }

    private io.sgdscope.trainer.model.ModelSpec specOf(String variant) {
        return variants.stream().filter(v -> v.name().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no variant " + variant)).model();
    }

    /**
     * The trainer's consumer of {@code topic}: committed records only, values as the fetch's own
     * buffers, not copied (the service decodes them in place, alongside training).
     */
    public static Consumer<String, ByteBuffer> createConsumer(KafkaClientConfig kafka, Topic<String, Sample> topic, String groupId) {
        Map<String, Object> defaults = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                // read_committed: a fetch parked at the last stable offset is often answered only when this
                // wait ends, not when the streams app's commit moves that offset (500 ms by default)
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS);
        return new KafkaConsumer<>(kafka.toProperties(defaults),
                topic.keySerde().deserializer(), new ByteBufferDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic.name()), new Rebalance());
            while (!stopping) {
                ConsumerRecords<String, ByteBuffer> records;
                try {
                    records = consumer.poll(POLL);
                } catch (RecordDeserializationException e) {
                    skipUndecodable(e); // a key that does not decode
                    continue;
                }
                for (DriftEvent e : context.truth().drain()) {
                    partitions.values().forEach(pt -> pt.onTruth(e));
                }
                for (TopicPartition tp : records.partitions()) {
                    train(partitions.get(tp), records.records(tp));
                }
                commitIfDue(!records.isEmpty());
                recordLag();
                checkpointDue(false);
                if (config.stopAtEnd() && caughtUp()) {
                    LOG.info("caught up with the end of {}: stopping as configured ({})", topic.name(),
                            TrainerConfig.STOP_AT_END);
                    break;
                }
            }
        } catch (WakeupException e) {
            // stop() woke us from poll: a normal shutdown
        } finally {
            shutdown();
        }
    }

    private void train(PartitionTrainer pt, List<ConsumerRecord<String, ByteBuffer>> records) {
        DecodeAhead.Batch decoded = decoder.start(records);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ByteBuffer> r = records.get(i);
            DecodeAhead.Decoded d = decoded.sample(i);
            Sample s = d.sample();
            if (d.failure() != null) {
                reportUndecodable(new TopicPartition(r.topic(), r.partition()), r.offset(), d.failure().getMessage());
            } else if (s == null) {
                // a record without a sample (a tombstone) has nothing to predict or learn
                stats.recordSkippedEmpty();
            } else {
                try {
                    pt.train(s, r.timestamp());
                } catch (IllegalArgumentException e) {
                    // one sample the model cannot use must not stop training on the rest
                    stats.recordIncompatible();
                    if (stats.incompatible() <= MAX_LOGGED_INCOMPATIBLE) {
                        LOG.warn("skipping sample {} at {}-{} offset {}: {}", s.id(), r.topic(), r.partition(),
                                r.offset(), e.getMessage());
                    }
                }
            }
            pt.advanceTo(r.offset() + 1);
        }
        pt.publish();
    }

    /**
     * Commits the trained positions to the group at most every {@link #COMMIT_EVERY_MS} while records
     * flow, and at once when a poll comes back empty (caught up): a commit per poll was 2% of the
     * training thread, and the group's offsets serve lag monitoring and runs without checkpoints,
     * where at most that much more is trained again after a crash.
     */
    private void commitIfDue(boolean trained) {
        uncommitted |= trained;
        long now = clock.millis();
        if (uncommitted && (!trained || now - lastCommitMs >= COMMIT_EVERY_MS)) {
            consumer.commitAsync(positions(partitions.keySet()), null);
            uncommitted = false;
            lastCommitMs = now;
        }
    }

    /** From the consumer's last fetch metadata: no request to the broker. */
    private void recordLag() {
        long total = 0;
        for (TopicPartition tp : partitions.keySet()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return;
            }
            total += lag.getAsLong();
        }
        stats.recordConsumerLag(total);
    }

    private boolean caughtUp() {
        if (partitions.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : partitions.keySet()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void checkpointDue(boolean force) {
        if (checkpoints.isEmpty()) {
            return;
        }
        long now = clock.millis();
        partitions.forEach((tp, pt) -> {
            boolean due = pt.trainedSinceCheckpoint() >= config.checkpoint().everySamples()
                    || now - lastCheckpointMs.getOrDefault(tp, now) >= config.checkpoint().interval().toMillis();
            if (pt.nextOffset() >= 0 && (force || due) && pt.trainedSinceCheckpoint() > 0) {
                checkpoint(tp, pt);
            }
            lastCheckpointMs.putIfAbsent(tp, now);
        });
    }

    private void checkpoint(TopicPartition tp, PartitionTrainer pt) {
        // at least once: the predictions of the samples before this checkpoint are not made again
        context.predictions().flush();
        PartitionCheckpoint c = pt.checkpoint(provenance);
        var dir = checkpoints.orElseThrow().write(c);
        lastCheckpointMs.put(tp, clock.millis());
        stats.recordCheckpoint();
        LOG.debug("checkpointed {} at offset {} into {}", tp, c.nextOffset(), dir);
    }

    private Map<TopicPartition, OffsetAndMetadata> positions(Collection<TopicPartition> tps) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        for (TopicPartition tp : tps) {
            PartitionTrainer pt = partitions.get(tp);
            if (pt != null && pt.nextOffset() >= 0) {
                m.put(tp, new OffsetAndMetadata(pt.nextOffset()));
            }
        }
        return m;
    }

    /** Runs inside poll(): restores or creates the models of newly assigned partitions. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            for (TopicPartition tp : assigned) {
                PartitionTrainer pt = new PartitionTrainer(tp.topic(), tp.partition(), config, variants, context, stats);
                partitions.put(tp, pt);
                Optional<PartitionCheckpoint> c = checkpoints.flatMap(s -> s.latest(tp.topic(), tp.partition()));
                if (c.isPresent()) {
                    restore(tp, pt, c.get());
                } else {
                    LOG.info("assigned {}: no checkpoint, starting from the group's committed offset", tp);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            for (TopicPartition tp : revoked) {
                PartitionTrainer pt = partitions.get(tp);
                if (pt != null && checkpoints.isPresent() && pt.trainedSinceCheckpoint() > 0) {
                    checkpoint(tp, pt);
                }
            }
            try {
                consumer.commitSync(positions(revoked));
            } catch (RuntimeException e) {
                LOG.warn("offset commit on revocation failed: {}", e.toString());
            }
            revoked.forEach(TrainerService.this::drop);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(TrainerService.this::drop);
        }
    }

    private void restore(TopicPartition tp, PartitionTrainer pt, PartitionCheckpoint c) {
        try {
            List<String> dropped = pt.restore(c);
            consumer.seek(tp, c.nextOffset());
            LOG.info("assigned {}: restored {} models from the checkpoint at offset {}{}", tp, c.models().size(),
                    c.nextOffset(), dropped.isEmpty() ? "" : "; dropped models of variants no longer configured: " + dropped);
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint of " + tp + " at offset " + c.nextOffset()
                    + " does not fit the configured models: " + e.getMessage(), e);
        }
    }

    private void drop(TopicPartition tp) {
        PartitionTrainer pt = partitions.remove(tp);
        lastCheckpointMs.remove(tp);
        if (pt != null) {
            pt.close();
        }
    }

    private void shutdown() {
        try {
            checkpointDue(true);
        } catch (RuntimeException e) {
            LOG.error("final checkpoint failed; the next start resumes from the previous one", e);
        }
        commitFinalOffsets();
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(3)));
        decoder.close();
        partitions.values().forEach(PartitionTrainer::close);
        partitions.clear();
    }

    /**
     * A stop() that lands outside poll() leaves its wakeup pending, and the next blocking call
     * throws it instead of committing; that call is simply made again.
     */
    private void commitFinalOffsets() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(positions(partitions.keySet()), Duration.ofSeconds(3));
                return;
            } catch (WakeupException e) {
                // the pending wakeup is now consumed
            } catch (RuntimeException e) {
                LOG.warn("final offset commit failed, the last batch may be trained again: {}", e.toString());
                return;
            }
        }
    }

    /** A key that does not decode: reported, then the consumer and the partition move past it. */
    private void skipUndecodable(RecordDeserializationException e) {
        reportUndecodable(e.topicPartition(), e.offset(), e.getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
        PartitionTrainer pt = partitions.get(e.topicPartition());
        if (pt != null) {
            pt.advanceTo(e.offset() + 1);
        }
    }

    /** An internal topic should never hold garbage; if it does, count it and log where. */
    private void reportUndecodable(TopicPartition tp, long offset, String why) {
        stats.recordUndecodable();
        LOG.error("skipping undecodable record at {} offset {}: {}", tp, offset, why);
    }

    /** Safe from any thread: ends the poll loop promptly. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }
}

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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
 *
 * <p>Two threads: the one that calls {@link #run} trains; a {@link RecordPoller} thread owns the
 * consumer, polls and decodes, and hands batches over through a bounded {@link HandOff} of
 * {@value #HANDED_BATCHES} polls. Models, checkpoints and offsets are the training thread's; the
 * poller commits the offsets it has trained up to ({@link TrainedOffsets}).
 */
public final class TrainerService implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    private static final long MAX_LOGGED_INCOMPATIBLE = 10;
    /**
     * Polls handed over and not yet trained, at most: enough that the poller's next poll overlaps
     * training, few enough that memory stays bounded (a poll holds up to 2,000 records).
     */
    static final int HANDED_BATCHES = 2;
    static final String POLLER_THREAD = "sgdscope-trainer-poller";

    private final HandOff<RecordPoller.Polled, RecordPoller.Event> handOff = new HandOff<>(HANDED_BATCHES);
    private final TrainedOffsets offsets = new TrainedOffsets();
    private final RecordPoller poller;
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

    /**
     * @param consumer reads {@code topic}'s values as buffers ({@link #createConsumer}): the polling
     *                 thread decodes them with the topic's serde; only that thread uses the consumer
     */
    public TrainerService(Consumer<String, ByteBuffer> consumer, Topic<String, Sample> topic, TrainerConfig config,
                          TrainingContext context, TrainerStats stats, Map<String, String> provenance) {
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
        this.poller = new RecordPoller(consumer, topic.name(), topic.valueSerde().deserializer(), handOff, offsets,
                stats, config.stopAtEnd());
    }

    private io.sgdscope.trainer.model.ModelSpec specOf(String variant) {
        return variants.stream().filter(v -> v.name().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no variant " + variant)).model();
    }

    /**
     * The trainer's consumer of {@code topic}: committed records only, values as the fetch's own
     * buffers, not copied (the polling thread decodes them in place).
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
        Thread polling = new Thread(poller, POLLER_THREAD);
        polling.setDaemon(true);
        polling.start();
        Throwable failure = null;
        try {
            trainHanded();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Throwable pollerFailure = stopTraining(polling);
        if (failure == null) {
            failure = pollerFailure;
        } else if (pollerFailure != null && pollerFailure != failure && !causedBy(pollerFailure, failure)) {
            failure.addSuppressed(pollerFailure);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("polling " + topic.name() + " failed: " + failure, failure);
        }
    }

    /** Trains what the poller hands over, in order, until the hand-off closes or the input is read to its end. */
    private void trainHanded() {
        while (true) {
            HandOff.Item<RecordPoller.Polled, RecordPoller.Event> item;
            try {
                item = handOff.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == null) {
                return; // stopped, or polling ended
            }
            if (item.batch() != null) {
                train(item.batch());
            } else if (!handle(item.event())) {
                return;
            }
        }
    }

    private void train(RecordPoller.Polled polled) {
        for (DriftEvent e : context.truth().drain()) {
            partitions.values().forEach(pt -> pt.onTruth(e));
        }
        for (RecordPoller.PartitionBatch b : polled.partitions()) {
            train(b);
        }
        handOff.trained(polled.records());
        offsets.moved();
        checkpointDue(false);
    }

    private void train(RecordPoller.PartitionBatch b) {
        TopicPartition tp = b.partition();
        PartitionTrainer pt = partitions.get(tp);
        if (pt == null) {
            // the poller hands a partition's records over only between its assignment and its revocation
            throw new IllegalStateException("records of " + tp + ", which is not assigned to this trainer");
        }
        for (int i = 0; i < b.size(); i++) {
            Sample s = b.samples()[i];
            RuntimeException failure = b.failure(i);
            if (failure != null) {
                reportUndecodable(tp, b.offsets()[i], failure.getMessage());
            } else if (s == null) {
                // a record without a sample (a tombstone) has nothing to predict or learn
                stats.recordSkippedEmpty();
            } else {
                try {
                    pt.train(s, b.timestamps()[i]);
                } catch (IllegalArgumentException e) {
                    // one sample the model cannot use must not stop training on the rest
                    stats.recordIncompatible();
                    if (stats.incompatible() <= MAX_LOGGED_INCOMPATIBLE) {
                        LOG.warn("skipping sample {} at {} offset {}: {}", s.id(), tp, b.offsets()[i], e.getMessage());
                    }
                }
            }
            pt.advanceTo(b.offsets()[i] + 1);
        }
        pt.publish();
        offsets.trainedTo(tp, pt.nextOffset());
    }

    /** Answers one of the poller's events; false if training ends here. */
    private boolean handle(RecordPoller.Event event) {
        if (event instanceof RecordPoller.Assigned a) {
            answer(a.seeks(), () -> assign(a.partitions()));
        } else if (event instanceof RecordPoller.Revoked r) {
            answer(r.offsets(), () -> revoke(r.partitions()));
        } else if (event instanceof RecordPoller.Lost l) {
            answer(l.dropped(), () -> {
                l.partitions().forEach(this::drop);
                return null;
            });
        } else if (event instanceof RecordPoller.KeySkipped k) {
            reportUndecodable(k.partition(), k.offset(), k.why());
            PartitionTrainer pt = partitions.get(k.partition());
            if (pt != null) {
                pt.advanceTo(k.offset() + 1);
                offsets.trainedTo(k.partition(), pt.nextOffset());
                offsets.moved();
            }
        } else if (event instanceof RecordPoller.CaughtUp) {
            LOG.info("caught up with the end of {}: stopping as configured ({})", topic.name(),
                    TrainerConfig.STOP_AT_END);
            return false;
        }
        return true;
    }

    /** Completes the poller's wait with the outcome or the failure; a failure also ends training. */
    private static <T> void answer(CompletableFuture<T> waiting, Supplier<T> outcome) {
        try {
            waiting.complete(outcome.get());
        } catch (RuntimeException | Error e) {
            waiting.completeExceptionally(e);
            throw e;
        }
    }

    /** Restores or creates the models of newly assigned partitions; the offsets to seek to, from their checkpoints. */
    private Map<TopicPartition, Long> assign(List<TopicPartition> assigned) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (TopicPartition tp : assigned) {
            PartitionTrainer pt = new PartitionTrainer(tp.topic(), tp.partition(), config, variants, context, stats);
            partitions.put(tp, pt);
            Optional<PartitionCheckpoint> c = checkpoints.flatMap(s -> s.latest(tp.topic(), tp.partition()));
            if (c.isPresent()) {
                restore(tp, pt, c.get());
                seeks.put(tp, c.get().nextOffset());
                offsets.trainedTo(tp, pt.nextOffset());
            } else {
                LOG.info("assigned {}: no checkpoint, starting from the group's committed offset", tp);
            }
        }
        return seeks;
    }

    /**
     * Every record of the revoked partitions handed over before the revocation is trained by now
     * (the event came after them): checkpoints them, drops their models, and returns their offsets
     * for the poller to commit before the partitions move to another member.
     */
    private Map<TopicPartition, OffsetAndMetadata> revoke(List<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionTrainer pt = partitions.get(tp);
            if (pt != null && checkpoints.isPresent() && pt.trainedSinceCheckpoint() > 0) {
                checkpoint(tp, pt);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> positions = positions(revoked);
        revoked.forEach(this::drop);
        return positions;
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

    private void restore(TopicPartition tp, PartitionTrainer pt, PartitionCheckpoint c) {
        try {
            List<String> dropped = pt.restore(c);
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
        offsets.forget(tp);
        if (pt != null) {
            pt.close();
        }
    }

    /**
     * Training has ended (stopped, caught up, failed, or polling failed): answers the events the
     * poller may still wait on, checkpoints what was trained, hands the poller the offsets to commit
     * and waits for it to leave the group. Batches not yet taken are dropped untrained: neither their
     * checkpoint nor the group's offsets include them, so the next run trains them. Never throws;
     * returns the poller's failure, if any.
     */
    private Throwable stopTraining(Thread polling) {
        poller.stop();
        for (RecordPoller.Event e : handOff.drainClosed()) {
            try {
                if (e instanceof RecordPoller.Assigned a) {
                    a.seeks().complete(Map.of()); // nothing is restored: nothing will be trained
                } else if (!(e instanceof RecordPoller.CaughtUp)) {
                    handle(e); // answers the poller even when it fails
                }
            } catch (RuntimeException | Error x) {
                LOG.error("answering the consumer's {} after training stopped failed", e, x);
            }
        }
        try {
            checkpointDue(true);
        } catch (RuntimeException e) {
            LOG.error("final checkpoint failed; the next start resumes from the previous one", e);
        }
        offsets.finish(positions(partitions.keySet()));
        try {
            polling.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        partitions.values().forEach(PartitionTrainer::close);
        partitions.clear();
        return poller.failure();
    }

    private static boolean causedBy(Throwable t, Throwable cause) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c == cause) {
                return true;
            }
        }
        return false;
    }

    /** An internal topic should never hold garbage; if it does, count it and log where. */
    private void reportUndecodable(TopicPartition tp, long offset, String why) {
        stats.recordUndecodable();
        LOG.error("skipping undecodable record at {} offset {}: {}", tp, offset, why);
    }

    /** Safe from any thread: ends polling and training promptly; what was trained is checkpointed and committed. */
    public void stop() {
        poller.stop();
    }
}

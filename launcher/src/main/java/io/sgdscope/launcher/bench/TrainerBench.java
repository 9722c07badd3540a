package io.sgdscope.launcher.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerService;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.insight.InsightConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The trainer's consume-and-train rate against a bare consumer's consume rate, over the same
 * pre-filled {@code samples.clean}: what prequential training adds on top of reading. Both
 * subscribe with a fresh group, read committed and decode every record into a {@link Sample}.
 */
public final class TrainerBench {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaClientConfig kafka;
    private final Topics topics;
    private final int samples;

    /** Fills a fresh {@code samples.clean} once; every run reads all of it. */
    public TrainerBench(KafkaClientConfig kafka, int samples, int dimension, long seed) throws Exception {
        this.kafka = kafka;
        this.samples = samples;
        this.topics = new Topics("bench-trainer-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        Topic<String, Sample> clean = topics.samplesClean();
        LinearTeacherSource source = new LinearTeacherSource("bench", dimension, seed, () -> 0L);
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("linger.ms", 20, "acks", "all")),
                clean.keySerde().serializer(), clean.valueSerde().serializer())) {
            for (int i = 0; i < samples; i++) {
                Sample s = source.next().orElseThrow();
                producer.send(new ProducerRecord<>(clean.name(), s.stream(), s));
            }
            producer.flush();
        }
    }

    /** Records per second a bare consumer reads and decodes. */
    public double bareConsumer() {
        String group = "bench-bare-" + UUID.randomUUID();
        try (Consumer<String, Sample> consumer = TrainerService.createConsumer(kafka, topics.samplesClean(), group)) {
            consumer.subscribe(List.of(topics.samplesClean().name()));
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + RUN_TIMEOUT.toNanos();
            while (read < samples) {
                read += consumer.poll(Duration.ofMillis(100)).count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bare consumer read " + read + " of " + samples + " in " + RUN_TIMEOUT);
                }
            }
            return samples / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Samples per second the trainer reads, predicts, scores and learns with {@code model}, metrics on. */
    public double trainer(String model) throws InterruptedException {
        return trainer(model, true);
    }

    /**
     * The same, with the model metrics (rank, sparsity, margin, sharpness ...) computed at their
     * default cadence or switched off; snapshots are not published to a topic in either case.
     */
    public double trainer(String model, boolean metrics) throws InterruptedException {
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, model,
                        InsightConfig.ENABLED, Boolean.toString(metrics), InsightConfig.PUBLISH, "false"), "bench"))
                .withGroupId("bench-trainer-" + UUID.randomUUID());
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            long start = System.nanoTime();
            TrainerStats stats = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group)
                    .startTrainer(cfg, Map.of("bench", "trainer"));
            long deadline = start + RUN_TIMEOUT.toNanos();
            while (stats.trained() < samples) {
                if (System.nanoTime() > deadline || group.failure() != null) {
                    throw new IllegalStateException("trainer trained " + stats.trained() + " of " + samples
                            + (group.failure() != null ? ": " + group.failure() : " in " + RUN_TIMEOUT));
                }
                Thread.sleep(5);
            }
            return samples / ((System.nanoTime() - start) / 1e9);
        }
    }
}

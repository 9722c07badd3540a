package io.sgdscope.launcher.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.StreamsService;
import io.sgdscope.streams.topology.PassthroughTopology;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput of two pipelines over the same pre-encoded JSON samples, on the same
 * broker and with the same processing guarantee:
 * <ul>
 *   <li>passthrough: produce, Kafka Streams byte copy, consume: what Kafka alone costs;</li>
 *   <li>full: produce, validate and re-encode, train prequentially: what sgdscope costs.</li>
 * </ul>
 * Each run gets fresh topics and group ids, so runs never see each other's records.
 */
public final class PipelineBench {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaClientConfig kafka;
    private final Path stateDir;
    private final List<byte[]> payloads;
    private final int dimension;

    public PipelineBench(KafkaClientConfig kafka, Path stateDir, int samples, int dimension, long seed) {
        this.kafka = kafka;
        this.stateDir = stateDir;
        this.dimension = dimension;
        this.payloads = encode(samples, dimension, seed);
    }

    private static List<byte[]> encode(int n, int dimension, long seed) {
        // event times one millisecond apart, ending now: they pass the timestamp checks, and drift windows close as they would live
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - n);
        LinearTeacherSource source = new LinearTeacherSource("bench", dimension, seed, clock::incrementAndGet);
        JsonSampleCodec json = new JsonSampleCodec();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(json.encode(source.next().orElseThrow()));
        }
        return out;
    }

    /** Samples per second through produce, Streams copy, consume. */
    public double passthrough(int n) throws InterruptedException {
        String run = "bench-pass-" + UUID.randomUUID().toString().substring(0, 8);
        String in = run + ".in";
        String out = run + ".out";
        TopicSetup.ensureTopics(kafka, List.of(in, out), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            StreamsService streams = group.add("passthrough", new StreamsService(
                    PassthroughTopology.build(in, out), streamsConfig(run).toStreamsProperties(kafka),
                    e -> group.fail("passthrough", e)));
            streams.start();
            AtomicLong consumed = new AtomicLong();
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.toProperties(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, run,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            group.run("bench-consumer", () -> {
                try (consumer) {
                    consumer.subscribe(List.of(out));
                    while (consumed.get() < n) {
                        consumed.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    // stopped
                }
            }, consumer::wakeup);
            streams.awaitRunning(Duration.ofSeconds(60));
            return timeRun(in, n, consumed::get, group);
        }
    }

    /**
     * Samples per second through produce, the streams app (validation, label join, drift
     * statistics, re-encoding), consume {@code samples.clean}: the counterpart of {@link #passthrough}.
     */
    public double streamsApp(int n) throws InterruptedException {
        String run = "bench-app-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            AtomicLong consumed = consume(group, topics.samplesClean().name(), run + "consumer", n);
            parts.startStreamsApp(streamsConfig(run)).service().awaitRunning(Duration.ofSeconds(60));
            return timeRun(topics.samplesRaw().name(), n, consumed::get, group);
        }
    }

    /**
     * Samples per second through produce, the streams app, consume {@code samples.clean}, with every
     * topic (and repartition topic) of {@code partitions} partitions, {@code instances} streams apps
     * sharing the work through one application id, and the samples spread over {@code streams}
     * streams (each stream lives in one partition, so one stream bounds its own throughput).
     */
    public double streamsAppScaled(int n, int partitions, int instances, int streams) throws InterruptedException {
        String run = "bench-scale-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        TopicLayout layout = new TopicLayout(partitions, (short) 1);
        TopicSetup.ensureTopics(kafka, topics.allNames(), layout);
        List<ProducerRecord<String, byte[]>> records = keyedByStream(topics.samplesRaw().name(), n, streams);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            AtomicLong consumed = consume(group, topics.samplesClean().name(), run + "consumer", n);
            List<StreamsService> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                // one registry per instance: each app binds the same meter names
                PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
                StreamsAppConfig cfg = StreamsAppConfig.from(RawConfig.of(Map.of(
                                StreamsAppConfig.FEATURE_DIMENSION, Integer.toString(dimension),
                                TopicLayout.PARTITIONS, Integer.toString(partitions)), "bench"))
                        .withApplicationId(run + "streams").withStateDir(stateDir.resolve(run + i));
                started.add(parts.startStreamsApp(cfg).service());
            }
            for (StreamsService s : started) {
                s.awaitRunning(Duration.ofSeconds(120));
            }
            return timeRun(records, n, consumed::get, group);
        }
    }

    /** {@code n} records over {@code streams} streams, round robin, each keyed by its stream as producers key them. */
    private List<ProducerRecord<String, byte[]>> keyedByStream(String topic, int n, int streams) {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - n);
        List<LinearTeacherSource> sources = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            sources.add(new LinearTeacherSource("bench-" + s, dimension, 42 + s, clock::incrementAndGet));
        }
        JsonSampleCodec json = new JsonSampleCodec();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var sample = sources.get(i % streams).next().orElseThrow();
            out.add(new ProducerRecord<>(topic, sample.stream(), json.encode(sample)));
        }
        return out;
    }

    /** Counts the committed records of {@code topic} on a consumer loop in {@code group}. */
    private AtomicLong consume(ServiceGroup group, String topic, String groupId, int n) {
        AtomicLong consumed = new AtomicLong();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.toProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        group.run("bench-consumer", () -> {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                while (consumed.get() < n) {
                    consumed.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // stopped
            }
        }, consumer::wakeup);
        return consumed;
    }

    /** Samples per second through produce, validation, prequential training. */
    public double fullPipeline(int n) throws InterruptedException {
        String run = "bench-full-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            TrainerStats trained = parts.startTrainer(TrainerConfig.from(RawConfig.empty())
                    .withGroupId(run + "trainer"), java.util.Map.of("run", run));
            parts.startStreamsApp(streamsConfig(run)).service().awaitRunning(Duration.ofSeconds(60));
            return timeRun(topics.samplesRaw().name(), n, trained::trained, group);
        }
    }

    private StreamsAppConfig streamsConfig(String run) {
        return StreamsAppConfig.from(RawConfig.of(Map.of(StreamsAppConfig.FEATURE_DIMENSION, Integer.toString(dimension)), "bench"))
                .withApplicationId(run + "streams")
                .withStateDir(stateDir.resolve(run));
    }

    /** Time from the first send until {@code arrived} reports all {@code n} samples at the end. */
    private double timeRun(String inputTopic, int n, LongSupplier arrived, ServiceGroup group) throws InterruptedException {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new ProducerRecord<>(inputTopic, "bench", payloads.get(i % payloads.size())));
        }
        return timeRun(records, n, arrived, group);
    }

    private double timeRun(List<ProducerRecord<String, byte[]>> records, int n, LongSupplier arrived, ServiceGroup group)
            throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.toProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        while (arrived.getAsLong() < n) {
            if (group.failure() != null) {
                throw new IllegalStateException("a pipeline part failed during the run: " + group.failure(), group.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + arrived.getAsLong() + " of " + n + " samples arrived within "
                        + RUN_TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(5);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}

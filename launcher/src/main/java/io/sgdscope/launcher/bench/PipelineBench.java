package io.sgdscope.launcher.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.codec.SampleCodec;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.StreamsAppConfig.ProcessingGuarantee;
import io.sgdscope.streams.StreamsService;
import io.sgdscope.streams.ingest.IngestConfig;
import io.sgdscope.streams.topology.PassthroughTopology;
import io.sgdscope.trainer.LatencyListener;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
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
    /** The streams app's commit interval in every run here, or null for its default ({@code streams.commit-interval}). */
    private Duration commitInterval;

    /** Samples in JSON, as sources of their own send them. */
    public PipelineBench(KafkaClientConfig kafka, Path stateDir, int samples, int dimension, long seed) {
        this(kafka, stateDir, samples, dimension, seed, ProduceConfig.Format.JSON);
    }

    /** Samples in {@code format}: {@code BINARY} is what sgdscope's publisher sends by default ({@code produce.format}). */
    public PipelineBench(KafkaClientConfig kafka, Path stateDir, int samples, int dimension, long seed,
                         ProduceConfig.Format format) {
        this(kafka, stateDir, encode(samples, dimension, seed, format == ProduceConfig.Format.BINARY
                ? new BinarySampleCodec() : new JsonSampleCodec()), dimension);
    }

    /** Sends {@code payloads} (cycled) instead of sgdscope's own samples: e.g. a foreign topic's events. */
    public PipelineBench(KafkaClientConfig kafka, Path stateDir, List<byte[]> payloads, int dimension) {
        this.kafka = kafka;
        this.stateDir = stateDir;
        this.dimension = dimension;
        this.payloads = List.copyOf(payloads);
    }

    /**
     * Runs the streams app with this {@code streams.commit-interval} from now on (null: its default):
     * the knob that trades exactly-once latency for throughput.
     */
    public PipelineBench withCommitInterval(Duration interval) {
        this.commitInterval = interval;
        return this;
    }

    private static List<byte[]> encode(int n, int dimension, long seed, SampleCodec codec) {
        // event times one millisecond apart, ending now: they pass the timestamp checks, and drift windows close as they would live
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - n);
        LinearTeacherSource source = new LinearTeacherSource("bench", dimension, seed, clock::incrementAndGet);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(codec.encode(source.next().orElseThrow()));
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
            AtomicLong consumed = consume(group, out, run, n);
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

    /**
     * Samples per second through produce to a foreign topic, the streams app with the {@code ingest:}
     * mapping {@code ingestFor} makes for that topic's name (map, validate, join, drift statistics),
     * consume {@code samples.clean}: {@link #streamsApp} with the payloads as someone else's events.
     */
    public double streamsAppWithIngest(int n, java.util.function.Function<String, IngestConfig> ingestFor)
            throws InterruptedException {
        String run = "bench-ingest-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        String foreign = run + "events";
        TopicSetup.ensureTopics(kafka, topics, 1);
        TopicSetup.ensureTopics(kafka, List.of(foreign), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            AtomicLong consumed = consume(group, topics.samplesClean().name(), run + "consumer", n);
            parts.startStreamsApp(streamsConfig(run), ingestFor.apply(foreign)).service()
                    .awaitRunning(Duration.ofSeconds(60));
            return timeRun(foreign, n, consumed::get, group);
        }
    }

    /** Counts the committed records of {@code topic} on a consumer loop in {@code group}. */
    private AtomicLong consume(ServiceGroup group, String topic, String groupId, int n) {
        AtomicLong consumed = new AtomicLong();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.toProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS,
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

    /** Samples per second through produce, validation, prequential training, exactly-once. */
    public double fullPipeline(int n) throws InterruptedException {
        return fullPipeline(n, ProcessingGuarantee.EXACTLY_ONCE_V2);
    }

    /** Samples per second through produce, validation, prequential training, with the streams app under {@code guarantee}. */
    public double fullPipeline(int n, ProcessingGuarantee guarantee) throws InterruptedException {
        String run = "bench-full-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            TrainerStats trained = parts.startTrainer(TrainerConfig.from(RawConfig.empty())
                    .withGroupId(run + "trainer"), java.util.Map.of("run", run));
            parts.startStreamsApp(streamsConfig(run, guarantee)).service().awaitRunning(Duration.ofSeconds(60));
            return timeRun(topics.samplesRaw().name(), n, trained::trained, group);
        }
    }

    /**
     * Samples per second through a plain producer and a plain consumer of the same bytes, nothing
     * between: the most Kafka can carry here, the baseline of the full pipeline. The consumer reads
     * committed records, as the trainer does; the producer is the one every run here uses.
     */
    public double plainProduceConsume(int n) throws InterruptedException {
        String run = "bench-plain-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = run + ".samples";
        TopicSetup.ensureTopics(kafka, List.of(topic), 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            AtomicLong consumed = consume(group, topic, run + ".consumer", n);
            return timeRun(topic, n, consumed::get, group);
        }
    }

    /** Produce-to-trained latency of one paced run: the rate offered and the quantiles, in ms. */
    public record Latency(ProcessingGuarantee guarantee, double offeredPerSecond, long measured, double p50Ms,
                          double p99Ms, double maxMs) {
    }

    /**
     * Produces {@code n} samples at {@code perSecond}, evenly paced, through the streams app under
     * {@code guarantee} to the default trainer, and returns the quantiles of produce-to-trained
     * latency as {@code sgdscope_trainer_train_latency_seconds} measures it (the trainer's clock
     * minus the record's Kafka timestamp, which the producer sets at send), over the samples trained
     * after the first fifth was sent: the first fifth warms up the JIT and fills the pipes.
     */
    public Latency latency(int n, double perSecond, ProcessingGuarantee guarantee) throws InterruptedException {
        String run = "bench-lat-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(run);
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        Recorder recorder = new Recorder(3);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            TrainerStats trained = parts.startTrainer(TrainerConfig.from(RawConfig.empty())
                    .withGroupId(run + "trainer"), java.util.Map.of("run", run));
            trained.onModel(m -> m.onLatency(new LatencyListener() {
                @Override
                public void predicted(long millis) {
                }

                @Override
                public void trained(long millis) {
                    recorder.recordValue(millis);
                }
            }));
            parts.startStreamsApp(streamsConfig(run, guarantee)).service().awaitRunning(Duration.ofSeconds(60));
            String topic = topics.samplesRaw().name();
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            try (KafkaProducer<String, byte[]> producer = producer()) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(Math.min(due - now, 200_000));
                    }
                    producer.send(new ProducerRecord<>(topic, "bench", payloads.get(i % payloads.size())));
                    if (i == n / 5) {
                        recorder.getIntervalHistogram(); // drop the warm-up's latencies
                    }
                }
                producer.flush();
            }
            awaitArrived(n, trained::trained, group, deadline);
            Histogram h = recorder.getIntervalHistogram();
            return new Latency(guarantee, perSecond, h.getTotalCount(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    private StreamsAppConfig streamsConfig(String run) {
        return streamsConfig(run, ProcessingGuarantee.EXACTLY_ONCE_V2);
    }

    private StreamsAppConfig streamsConfig(String run, ProcessingGuarantee guarantee) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(StreamsAppConfig.FEATURE_DIMENSION,
                Integer.toString(dimension), StreamsAppConfig.GUARANTEE, guarantee.name().toLowerCase(java.util.Locale.ROOT)));
        if (commitInterval != null) {
            settings.put(StreamsAppConfig.COMMIT_INTERVAL, commitInterval.toMillis() + "ms");
        }
        return StreamsAppConfig.from(RawConfig.of(settings, "bench"))
                .withApplicationId(run + "streams")
                .withStateDir(stateDir.resolve(run));
    }

    /** The producer every run here sends with: acks=all, idempotent, 256 KB batches, 5 ms linger. */
    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(kafka.toProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)), new StringSerializer(), new ByteArraySerializer());
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
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        awaitArrived(n, arrived, group, deadline);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitArrived(int n, LongSupplier arrived, ServiceGroup group, long deadline)
            throws InterruptedException {
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
    }
}

package io.sgdscope.launcher.streams;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.RateLimiter;
import io.sgdscope.streams.StreamsAppConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through two crashes. 100,000 records (80,000 samples: valid and labelled, invalid,
 * unlabelled with a label that comes 300 records later, unlabelled for good; and their 20,000
 * labels) are produced at a steady rate. The streams app runs as a forked JVM that is SIGKILLed
 * mid-stream, then as a second forked JVM, SIGKILLed too, then in-process on the same
 * application id and state dir until the end. Every output topic is then read back in full.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsExactlyOnceIT {

    private static final int SAMPLES = 80_000;
    private static final int DIM = 16;
    private static final int LABEL_LAG = 300;
    private static final long LABEL_DELAY_MS = 2_000;
    /**
     * Event time here runs 4x faster than wall time (1 ms apart at 4,000 records/s). After a SIGKILL the join
     * task's sample input waits on the killed instance's open transaction on its repartition topic while the label
     * input runs on, so labels can get tens of seconds of event time ahead; the window must cover that skew.
     */
    private static final Duration WINDOW = Duration.ofSeconds(300);
    private static final double RATE = 4_000;
    /** Crash N comes once N times this many records were produced (samples and labels). */
    private static final int CRASH_EVERY = 30_000;

    @TempDir
    Path stateDir;

    private final List<Process> processes = new ArrayList<>();
    /**
     * Crash N happens while records still arrive: the producer waits at {@link #gateOf} until the crash is
     * done, so a slow start of an instance on a loaded machine cannot let
     * the producer finish first.
     */
    private final List<CountDownLatch> crashed = List.of(new CountDownLatch(1), new CountDownLatch(1));
    private final AtomicInteger produced = new AtomicInteger();
    private final Set<String> expectedClean = new HashSet<>();
    private final Set<String> expectedUnlabeled = new HashSet<>();
    /** Unlabelled samples whose label comes later: they may also pass unlabelled before their joined copy. */
    private final Set<String> expectedDelayed = new HashSet<>();
    private final Set<String> expectedDlq = new HashSet<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyValidLabelledIdArrivesExactlyOnceThroughTwoCrashes(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        String appId = prefix + "streams";
        Topics topics = new Topics(prefix);
        Map<String, String> kafkaProps = Map.of("session.timeout.ms", "6000");
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), kafkaProps);
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        awaitWritable(kafka, List.of(topics.samplesRaw().name(), topics.labelsRaw().name()));
        long base = System.currentTimeMillis();

        try (KafkaConsumer<String, byte[]> progress = consumer(kafka, "read_uncommitted")) {
            TopicPartition clean = new TopicPartition(topics.samplesClean().name(), 0);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(kafka, topics, base));

            for (int crash = 1; crash <= 2; crash++) {
                long cleanBefore = progress.endOffsets(List.of(clean)).get(clean);
                Process p = launch(broker.bootstrapServers(), prefix, appId);
                int killAt = crash * CRASH_EVERY;
                await("instance " + crash + " writes while records still arrive").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> produced.get() >= killAt && progress.endOffsets(List.of(clean)).get(clean) > cleanBefore);
                assertThat(producing).as("still producing when crash %d happens", crash).isNotDone();
                p.destroyForcibly();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                crashed.get(crash - 1).countDown();
            }

            try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
                PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                PipelineParts parts = new PipelineParts(kafka, topics, registry, group);
                StreamsAppConfig cfg = StreamsAppConfig.from(RawConfig.of(settings(appId), "test"));
                parts.startStreamsApp(cfg);
                producing.get(2, TimeUnit.MINUTES);

                try (KafkaConsumer<String, byte[]> reader = consumer(kafka, "read_committed")) {
                    Outputs out = new Outputs(reader, topics);
                    // every label is in; the last unlabelled samples expire once stream time passes them plus the window
                    // after two SIGKILLs the last instance first restores the tasks that exactly-once marked corrupted
                    await("all joins done").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                            .until(() -> out.drain().clean.size() >= expectedClean.size());
                    sendTick(kafka, topics, base);
                    await("unlabeled and DLQ complete").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                            .until(() -> out.drain().unlabeled.size() >= expectedUnlabeled.size()
                                    && out.dlq.stream().filter(v -> !v.startsWith(PROBE)).count() >= expectedDlq.size()
                                    && out.clean.size() > expectedClean.size());
                    assertMetricsOfTheLastInstance(registry.scrape());
                    group.close();
                    out.drainToEnd();

                    expectedClean.add("tick");
                    assertThat(out.clean).as("clean ids").doesNotHaveDuplicates().hasSize(expectedClean.size());
                    assertThat(new HashSet<>(out.clean)).isEqualTo(expectedClean);
                    // an unlabelled sample goes on to samples.clean at once, unless its label was already waiting
                    assertThat(out.cleanUnlabelled).as("unlabelled ids on clean").doesNotHaveDuplicates()
                            .containsAll(expectedUnlabeled);
                    Set<String> mayPassUnlabelled = new HashSet<>(expectedUnlabeled);
                    mayPassUnlabelled.addAll(expectedDelayed);
                    assertThat(mayPassUnlabelled).containsAll(out.cleanUnlabelled);
                    assertThat(out.unlabeled).as("unlabeled ids").doesNotHaveDuplicates();
                    assertThat(new HashSet<>(out.unlabeled)).isEqualTo(expectedUnlabeled);
                    List<String> dlq = out.dlq.stream().filter(v -> !v.startsWith(PROBE)).toList();
                    assertThat(dlq).as("DLQ payloads").doesNotHaveDuplicates();
                    assertThat(new HashSet<>(dlq)).isEqualTo(expectedDlq);
                    assertThat(out.dlq).as("the readiness probes").anyMatch(v -> v.startsWith(PROBE + topics.samplesRaw().name()))
                            .anyMatch(v -> v.startsWith(PROBE + topics.labelsRaw().name()));
                }
            }
        }
        assertThat(expectedClean).hasSize(SAMPLES * 17 / 20 + 1);
        assertThat(produced.get()).isEqualTo(SAMPLES + SAMPLES / 4);
    }

    private static final String PROBE = "readiness probe ";

    /** The last instance saw only the last part of the stream, so its counts are positive, not totals. */
    private static void assertMetricsOfTheLastInstance(String text) {
        assertThat(value(text, "sgdscope_streams_records_total{outcome=\"valid\"}")).isPositive();
        assertThat(value(text, "sgdscope_streams_dlq_total{reason=\"malformed_json\"}")).isPositive();
        assertThat(value(text, "sgdscope_streams_dlq_total{reason=\"non_finite\"}")).isPositive();
        assertThat(value(text, "sgdscope_streams_dlq_total{reason=\"orphan_label\"}")).isZero();
        assertThat(value(text, "sgdscope_streams_label_delay_seconds_count")).isPositive();
        assertThat(value(text, "sgdscope_streams_label_delay_seconds_max")).isEqualTo(LABEL_DELAY_MS / 1000.0);
        assertThat(value(text, "sgdscope_streams_join_misses_total")).isPositive();
        assertThat(value(text, "sgdscope_streams_drift_windows_total")).isPositive();
        assertThat(value(text, "sgdscope_streams_drift_shift_score{stream=\"mixed\"}")).isFinite();
        assertThat(text).as("Kafka Streams' own metrics").containsPattern("(?m)^kafka_stream_thread_\\w+");
    }

    /**
     * Right after creation a partition can still refuse writes (NOT_LEADER_OR_FOLLOWER), and an
     * idempotent producer that meets this on its first batches can get stuck on sequence errors.
     * So a plain producer first writes one unparseable probe to each input, until that succeeds;
     * each attempt has its own bytes, and the probes (DLQ records) are left out of the comparison.
     */
    private static void awaitWritable(KafkaClientConfig kafka, List<String> inputs) {
        AtomicInteger attempt = new AtomicInteger();
        try (KafkaProducer<String, byte[]> probe = new KafkaProducer<>(kafka.toProperties(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : inputs) {
                await("a write to " + topic).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                    byte[] bytes = (PROBE + topic + " " + attempt.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
                    probe.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), "probe", bytes)).get(5, TimeUnit.SECONDS);
                    return true;
                });
            }
        }
    }

    private Map<String, String> settings(String appId) {
        Map<String, String> m = new HashMap<>();
        m.put(StreamsAppConfig.APPLICATION_ID, appId);
        m.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        m.put(StreamsAppConfig.FEATURE_DIMENSION, Integer.toString(DIM));
        m.put(StreamsAppConfig.CLASSES, "2");
        m.put(StreamsAppConfig.JOIN_WINDOW, WINDOW.toSeconds() + "s");
        return m;
    }

    private Process launch(String bootstrap, String prefix, String appId) throws Exception {
        Path jar = Path.of(System.getProperty("sgdscope.jar", "target/sgdscope.jar"));
        assertThat(jar).as("the fat jar is built in the package phase").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "streams",
                "--bootstrap-servers", bootstrap, "--topic-prefix", prefix, "--http-port", "0",
                "--kafka-prop", "session.timeout.ms=6000")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        settings(appId).forEach((k, v) -> pb.environment().put(RawConfig.envName(k), v));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Samples at a steady rate, each scheduled label {@value #LABEL_LAG} samples after its sample. */
    private void produce(KafkaClientConfig kafka, Topics topics, long base) {
        JsonSampleCodec json = new JsonSampleCodec();
        JsonLabelCodec labels = new JsonLabelCodec();
        RateLimiter rate = RateLimiter.perSecond(RATE);
        Map<Integer, List<LabelRecord>> due = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int i = 0; i < SAMPLES; i++) {
                long ts = base + i;
                String id = "s-" + i;
                int kind = i % 20;
                byte[] payload;
                if (kind < 12) {
                    payload = json.encode(sample(id, ts, i, Label.ofClass(i % 2)));
                    expectedClean.add(id);
                } else if (kind == 12) {
                    payload = ("not json " + i).getBytes(StandardCharsets.UTF_8);
                    expectedDlq.add(new String(payload, StandardCharsets.UTF_8));
                } else if (kind == 13) {
                    Sample s = sample(id, ts, i, Label.ofClass(0));
                    s.features()[3] = Float.NaN;
                    payload = json.encode(s);
                    expectedDlq.add(new String(payload, StandardCharsets.UTF_8));
                } else if (kind < 19) {
                    payload = i % 2 == 0 ? json.encode(sample(id, ts, i, null)) : new BinarySampleCodec().encode(sample(id, ts, i, null));
                    due.computeIfAbsent(i + LABEL_LAG, k -> new ArrayList<>())
                            .add(new LabelRecord(id, "mixed", Label.ofClass(i % 2), ts + LABEL_DELAY_MS));
                    expectedClean.add(id);
                    expectedDelayed.add(id);
                } else {
                    payload = json.encode(sample(id, ts, i, null));
                    expectedUnlabeled.add(id);
                }
                for (int crash = 1; crash <= crashed.size(); crash++) {
                    if (i == gateOf(crash)) {
                        awaitCrash(crashed.get(crash - 1));
                    }
                }
                rate.acquire();
                producer.send(new ProducerRecord<>(topics.samplesRaw().name(), null, ts, "mixed", payload));
                produced.incrementAndGet();
                for (LabelRecord l : due.getOrDefault(i, List.of())) {
                    producer.send(new ProducerRecord<>(topics.labelsRaw().name(), null, l.eventTimeMs(), l.sampleId(), labels.encode(l)));
                    produced.incrementAndGet();
                }
                due.remove(i);
            }
            due.values().forEach(ls -> ls.forEach(l -> {
                producer.send(new ProducerRecord<>(topics.labelsRaw().name(), null, l.eventTimeMs(), l.sampleId(), labels.encode(l)));
                produced.incrementAndGet();
            }));
            producer.flush();
        }
    }

    /**
     * The sample before which the producer waits for crash N: past the crash's point (N * CRASH_EVERY records,
     * labels included, come no later than that many samples), so records still arrive after the crash.
     */
    private static int gateOf(int crash) {
        return crash * CRASH_EVERY + CRASH_EVERY / 6;
    }

    private static void awaitCrash(CountDownLatch crash) {
        try {
            if (!crash.await(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the crash the producer waits for did not happen in 3 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A valid sample late enough in event time to close the join window of every earlier sample. */
    private static void sendTick(KafkaClientConfig kafka, Topics topics, long base) {
        long ts = base + SAMPLES + WINDOW.toMillis() + 5_000;
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topics.samplesRaw().name(), null, ts, "mixed",
                    new JsonSampleCodec().encode(sample("tick", ts, 0, Label.ofClass(1)))));
            // the label join runs in its own task (fed by the by-id repartitions), whose stream time only the records
            // that reach it advance: unlabelled samples and valid labels (validation stops a bad one first). A valid
            // label for a sample that never comes moves it; it waits, and stays out of the DLQ as long as no later
            // record closes its own window.
            producer.send(new ProducerRecord<>(topics.labelsRaw().name(), null, ts, "tick",
                    new JsonLabelCodec().encode(new LabelRecord("tick-label", "mixed", Label.ofClass(1), ts))));
        }
    }

    private static Sample sample(String id, long ts, int i, Label label) {
        float[] x = new float[DIM];
        for (int f = 0; f < DIM; f++) {
            x[f] = (float) Math.sin(i * 0.37 + f);
        }
        return new Sample(id, "mixed", ts, x, label, null);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaClientConfig kafka) {
        return new KafkaProducer<>(kafka.toProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaClientConfig kafka, String isolation) {
        return new KafkaConsumer<>(kafka.toProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Everything committed on the three output topics, read from the beginning. */
    private static final class Outputs {
        /** The ids of the labelled samples on {@code samples.clean}, labelled on arrival or joined later. */
        final List<String> clean = new ArrayList<>();
        /** The ids of the unlabelled samples on {@code samples.clean}. */
        final List<String> cleanUnlabelled = new ArrayList<>();
        final List<String> unlabeled = new ArrayList<>();
        final List<String> dlq = new ArrayList<>();
        private final KafkaConsumer<String, byte[]> reader;
        private final Topics topics;
        private final BinarySampleCodec binary = new BinarySampleCodec();
        private final List<TopicPartition> partitions;

        Outputs(KafkaConsumer<String, byte[]> reader, Topics topics) {
            this.reader = reader;
            this.topics = topics;
            this.partitions = List.of(new TopicPartition(topics.samplesClean().name(), 0),
                    new TopicPartition(topics.samplesUnlabeled().name(), 0), new TopicPartition(topics.samplesDlq().name(), 0));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
        }

        Outputs drain() {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.samplesClean().name())) {
                    Sample s = binary.decode(r.value());
                    (s.isLabelled() ? clean : cleanUnlabelled).add(s.id());
                } else if (r.topic().equals(topics.samplesUnlabeled().name())) {
                    unlabeled.add(binary.decode(r.value()).id());
                } else {
                    dlq.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            return this;
        }

        /** Reads until every partition's position reaches its last stable offset. */
        void drainToEnd() {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                drain();
                Map<TopicPartition, Long> end = reader.endOffsets(partitions);
                return partitions.stream().allMatch(tp -> reader.position(tp) >= end.get(tp));
            });
        }
    }
}

package io.sgdscope.launcher.bench;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.ProducerService;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.producers.RateLimiter;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.sink.KafkaRecordSink;
import io.sgdscope.producers.sink.KafkaSampleSink;
import io.sgdscope.producers.sink.SampleProducers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishing throughput of sgdscope's producer against a plain {@link KafkaProducer}, on the same
 * broker, with the same client settings (acks=all, idempotence, batching, compression):
 * <ul>
 *   <li>publisher: {@link ProducerService} running the default scenario (64-dim teacher-linear),
 *   generating, JSON-encoding and sending every sample, plus the drift truth sink;</li>
 *   <li>plain: a {@code KafkaProducer<String, byte[]>} sending the very same samples, JSON-encoded
 *   before the clock starts, so each record has the same key and size.</li>
 * </ul>
 * Both are timed from the first send until everything is acknowledged and the producer is closed.
 * Each run writes to a fresh topic.
 */
public final class ProducerBench {

    private final KafkaClientConfig kafka;
    private final int dimension;
    private final long seed;
    private final ProduceConfig cfg;
    private final List<byte[]> payloads;

    public ProducerBench(KafkaClientConfig kafka, int samples, int dimension, long seed, ProduceConfig.Format format) {
        this.kafka = kafka;
        this.dimension = dimension;
        this.seed = seed;
        this.cfg = new ProduceConfig("bench", dimension, seed, 0, samples).withFormat(format);
        this.payloads = encode(samples);
    }

    private RawConfig scenario() {
        return RawConfig.of(java.util.Map.of("source.type", "teacher-linear", "source.dimension", Integer.toString(dimension)),
                "bench");
    }

    /** The samples the publisher will generate, encoded in its format: the plain producer's payloads. */
    private List<byte[]> encode(int n) {
        io.sgdscope.common.codec.SampleCodec json = codec();
        List<byte[]> out = new ArrayList<>(n);
        try (ScenarioSource source = ScenarioSource.open(scenario(), cfg, () -> 0L, e -> { })) {
            for (int i = 0; i < n; i++) {
                out.add(json.encode(source.next().orElseThrow()));
            }
        }
        return out;
    }

    /** Mean size of a record's value in bytes. */
    public double meanRecordBytes() {
        return payloads.stream().mapToInt(b -> b.length).average().orElse(0);
    }

    private Topics freshTopics() {
        Topics topics = new Topics("bench-prod-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicSetup.ensureTopics(kafka, List.of(topics.samplesRaw().name(), topics.driftTruth().name()), 1);
        return topics;
    }

    /** Samples per second through generation, encoding and the sgdscope publisher. */
    public double publisher(int n) {
        Topics topics = freshTopics();
        ProducerStats stats = new ProducerStats();
        Topic<String, Sample> topic = cfg.rawTopic(topics);
        Topic<String, DriftEvent> truthTopic = topics.driftTruth();
        ProduceConfig run = cfg.withMaxSamples(n);
        long start = System.nanoTime();
        var truth = KafkaRecordSink.driftTruth(SampleProducers.create(kafka, truthTopic, "bench-truth", run), truthTopic, stats);
        var source = ScenarioSource.open(scenario(), run, System::currentTimeMillis, truth);
        var sink = new KafkaSampleSink(SampleProducers.create(kafka, topic, "bench-publisher", run), topic, stats);
        new ProducerService(source, sink, RateLimiter.perSecond(0), n, stats, Duration.ZERO, System::nanoTime,
                List.of(truth)).run();
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (stats.acked() != n) {
            throw new IllegalStateException("publisher: " + stats.acked() + " of " + n + " samples acknowledged");
        }
        return rate;
    }

    private io.sgdscope.common.codec.SampleCodec codec() {
        return cfg.format() == ProduceConfig.Format.BINARY ? new io.sgdscope.common.codec.BinarySampleCodec()
                : new JsonSampleCodec();
    }

    public ProduceConfig.Format format() {
        return cfg.format();
    }

    /**
     * Samples per second of encoding alone on this thread, in the publisher's format, over the same
     * samples: the CPU cost the publisher pays on its sending thread and the pre-encoded baseline does not.
     */
    public double encodingOnly(int n) {
        io.sgdscope.common.codec.SampleCodec json = codec();
        List<Sample> samples = new ArrayList<>(Math.min(n, 100_000));
        try (ScenarioSource source = ScenarioSource.open(scenario(), cfg, () -> 0L, e -> { })) {
            for (int i = 0; i < Math.min(n, 100_000); i++) {
                samples.add(source.next().orElseThrow());
            }
        }
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes += json.encode(samples.get(i % samples.size())).length;
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        return bytes > 0 ? rate : 0;
    }

    /** Samples per second through a plain KafkaProducer sending the pre-encoded samples. */
    public double plain(int n) {
        Topics topics = freshTopics();
        String name = topics.samplesRaw().name();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.toProperties(
                SampleProducers.durableDefaults("bench-plain", cfg.batchSizeBytes(), cfg.linger().toMillis(),
                        cfg.compression())), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(name, null, System.currentTimeMillis(), "bench",
                        payloads.get(i % payloads.size())));
            }
            producer.flush();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}

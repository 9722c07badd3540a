package io.sgdscope.launcher.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.source.LinearTeacherSource;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerService;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.Executors;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
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
    /** Records in the topic: the samples, and the unlabelled first copies of the delayed ones. */
    private long records;

    /** Fills a fresh {@code samples.clean} once; every run reads all of it. */
    public TrainerBench(KafkaClientConfig kafka, int samples, int dimension, long seed) throws Exception {
        this(kafka, samples, dimension, seed, 0);
    }

    /**
     * The same, where every other sample arrives unlabelled first and its joined copy
     * {@code labelDelay} samples later, as the streams app sends a sample whose label comes late
     * (the last ones are joined at the end); {@code 0} sends every sample labelled, once.
     * {@code samples} counts samples, so the topic holds half as many records again when delayed.
     */
    public TrainerBench(KafkaClientConfig kafka, int samples, int dimension, long seed, int labelDelay) throws Exception {
        if (labelDelay < 0) {
            throw new IllegalArgumentException("label delay must be >= 0 samples, got " + labelDelay);
        }
        this.kafka = kafka;
        this.samples = samples;
        this.topics = new Topics("bench-trainer-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        Topic<String, Sample> clean = topics.samplesClean();
        LinearTeacherSource source = new LinearTeacherSource("bench", dimension, seed, () -> 0L);
        // Not idempotent: right after topic creation an idempotent producer can stick on
        // OUT_OF_ORDER_SEQUENCE_NUMBER retries and hang the bench; one request in flight keeps the order.
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("linger.ms", 20, "acks", "all",
                "enable.idempotence", false, "max.in.flight.requests.per.connection", 1)),
                clean.keySerde().serializer(), clean.valueSerde().serializer())) {
            ArrayDeque<Awaiting> awaitingLabels = new ArrayDeque<>();
            for (int i = 0; i < samples; i++) {
                Sample s = source.next().orElseThrow();
                if (labelDelay > 0 && i % 2 == 1) {
                    producer.send(new ProducerRecord<>(clean.name(), s.stream(), s.withLabel(null)));
                    awaitingLabels.add(new Awaiting(i, s));
                    records++;
                } else {
                    producer.send(new ProducerRecord<>(clean.name(), s.stream(), s));
                }
                records++;
                // the label of the sample sent labelDelay samples ago arrives now
                while (!awaitingLabels.isEmpty() && i - awaitingLabels.peek().position() >= labelDelay) {
                    awaitingLabels.poll().sendJoined(producer, clean.name());
                }
            }
            for (Awaiting late : awaitingLabels) {
                late.sendJoined(producer, clean.name());
            }
            producer.flush();
        }
    }

    /** A sample sent unlabelled at {@code position}, whose joined copy is still to come. */
    private record Awaiting(int position, Sample sample) {
        void sendJoined(Producer<String, Sample> producer, String topic) {
            producer.send(new ProducerRecord<>(topic, sample.stream(), sample.joinedWith(sample.label())));
        }
    }

    /** Samples per second a bare consumer reads and decodes (all their records). */
    public double bareConsumer() {
        String group = "bench-bare-" + UUID.randomUUID();
        var decoder = topics.samplesClean().valueSerde().deserializer();
        try (Consumer<String, java.nio.ByteBuffer> consumer = TrainerService.createConsumer(kafka, topics.samplesClean(), group)) {
            consumer.subscribe(List.of(topics.samplesClean().name()));
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + RUN_TIMEOUT.toNanos();
            while (read < records) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    if (decoder.deserialize(r.topic(), r.headers(), r.value()) != null) {
                        read++;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bare consumer read " + read + " of " + records + " in " + RUN_TIMEOUT);
                }
            }
            return samples / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Samples per second the trainer reads, predicts, scores and learns with {@code model}, metrics
     * on: the steady rate over the last nine tenths of the topic (see {@link #trainer(String, Map)}).
     */
    public double trainer(String model) throws InterruptedException {
        return trainer(model, true);
    }

    /**
     * The same, with the model metrics (rank, sparsity, margin, sharpness ...) computed at their
     * default cadence or switched off; snapshots are not published to a topic in either case.
     */
    public double trainer(String model, boolean metrics) throws InterruptedException {
        return trainer(model, Map.of(InsightConfig.ENABLED, Boolean.toString(metrics)));
    }

    /**
     * The same with {@code settings} (e.g. a metrics cadence); snapshots are never published to a
     * topic here. Prints how many snapshots the metrics thread computed and how many it skipped.
     * (The printed counts are read before the run's metrics thread stops, so they can miss the last one.)
     */
    public double trainer(String model, Map<String, String> settings) throws InterruptedException {
        return trainer(model, settings, 1);
    }

    /** The same, where each sample is trained by {@code models} models (its variants); samples per second. */
    private double trainer(String model, Map<String, String> settings, int models) throws InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(TrainerConfig.MODEL, model);
        all.put(InsightConfig.PUBLISH, "false");
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(all, "bench"))
                .withGroupId("bench-trainer-" + UUID.randomUUID());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        double rate;
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            long start = System.nanoTime();
            TrainerStats stats = new PipelineParts(kafka, topics, registry, group)
                    .startTrainer(cfg, Map.of("bench", "trainer"));
            long deadline = start + RUN_TIMEOUT.toNanos();
            // trained() counts each sample once per model. The clock starts once a tenth is trained:
            // the steady rate, without the group join, first fetch and model creation, which the bare
            // step it is compared with does not pay either
            long total = (long) samples * models;
            long fromCount = -1;
            long from = 0;
            long trained;
            while ((trained = stats.trained()) < total) {
                if (System.nanoTime() > deadline || group.failure() != null) {
                    throw new IllegalStateException("trainer trained " + trained + " of " + samples
                            + (group.failure() != null ? ": " + group.failure() : " in " + RUN_TIMEOUT));
                }
                if (fromCount < 0 && trained >= total / 10) {
                    fromCount = trained;
                    from = System.nanoTime();
                }
                Thread.sleep(1);
            }
            if (fromCount < 0) { // a run too short to see the tenth pass: from the start
                fromCount = 0;
                from = start;
            }
            rate = (total - fromCount) / (double) models / ((System.nanoTime() - from) / 1e9);
            if (cfg.metrics().enabled()) {
                System.out.printf("    (metric snapshots computed %.0f, superseded %.0f, metrics thread busy %.2f s)%n",
                        snapshots(registry, "computed"), snapshots(registry, "superseded"),
                        registry.get(MeterNames.TRAINER_METRICS_COMPUTE).functionCounter().count());
            }
        }
        // read after the group closed, which flushed what the publisher still buffered
        var published = registry.find(MeterNames.TRAINER_PREDICTIONS_PUBLISHED).functionCounter();
        if (published != null && published.count() > 0) {
            System.out.printf("    (predictions published %.0f, failed %.0f)%n", published.count(),
                    registry.get(MeterNames.TRAINER_PREDICTION_PUBLISH_FAILURES).functionCounter().count());
        }
        return rate;
    }

    /**
     * Samples per second of the bare training step the trainer's model runs: the executor auto
     * picks at batch 1, its fused SGD step if it has one (as the trainer's plain SGD takes it), else
     * its loss and gradient and a plain {@code p -= lr g}, over rows of the same width, in this
     * thread; what {@code ExecutorBenchmark.fusedStep} (or {@code gradientAndBareUpdate}) times in JMH.
     */
    public double bareStep(String model, int n) {
        ModelSpec spec = ModelSpec.parse(model);
        float[] params = spec.initialParams(1);
        float[] grad = new float[params.length];
        Batch batch = new Batch(1);
        SplittableRandom rng = new SplittableRandom(3);
        float[][] xs = new float[4096][spec.inputs()];
        for (float[] x : xs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
        }
        float lr = 0.001f;
        double sink = 0;
        try (ModelExecutor exec = Executors.create(ExecutorKind.AUTO, spec, 1)) {
            batch.add(xs[0], 0);
            // the executor's fastest plain SGD step, as the trainer takes it: fused into the backward pass if it has one
            boolean fused = exec.descends(batch);
            long start = System.nanoTime();
            for (int s = 0; s < n; s++) {
                float[] x = xs[s & (xs.length - 1)];
                batch.clear();
                batch.add(x, x[0] > 0 ? 1 : 0);
                if (fused) {
                    sink += exec.descend(params, ModelExecutor.NO_VERSION, batch, lr);
                    continue;
                }
                sink += exec.lossAndGradient(params, batch, grad);
                for (int i = 0; i < params.length; i++) {
                    params[i] = Math.fma(-lr, grad[i], params[i]);
                }
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            if (Double.isNaN(sink)) {
                System.out.println("    (the bare step diverged)");
            }
            return rate;
        }
    }

    /**
     * Model steps per second (samples per second times {@code variants}) of the trainer with
     * {@code variants} variants of {@code model} (seeds 1..n) on every sample, metrics off: each
     * sample is decoded once and handed to every variant.
     */
    public double trainerVariants(String model, int variants) throws InterruptedException {
        return trainerVariantSamples(model, variants) * variants;
    }

    /**
     * Samples per second of the trainer with {@code variants} variants of {@code model} (seeds
     * 1..n) on every sample, metrics off: what {@link #trainerVariants} counts in model steps.
     */
    public double trainerVariantSamples(String model, int variants) throws InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put(InsightConfig.ENABLED, "false");
        for (int v = 1; v <= variants; v++) {
            settings.put(TrainerConfig.VARIANTS_PREFIX + "v" + v, "seed=" + v);
        }
        return trainer(model, settings, variants);
    }

    private static double snapshots(SimpleMeterRegistry registry, String outcome) {
        return registry.get(MeterNames.TRAINER_METRICS_SNAPSHOTS).tag(MeterNames.TAG_OUTCOME, outcome)
                .functionCounter().count();
    }
}

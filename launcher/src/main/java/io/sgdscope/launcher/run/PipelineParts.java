package io.sgdscope.launcher.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import java.util.List;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.monitoring.binder.ProducerMetrics;
import io.sgdscope.monitoring.binder.TrainerMetrics;
import io.sgdscope.monitoring.binder.DriftMetrics;
import io.sgdscope.monitoring.binder.LabelJoinMetrics;
import io.sgdscope.monitoring.binder.ValidationMetrics;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.ProducerService;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.producers.RateLimiter;
import io.sgdscope.producers.sink.KafkaSampleSink;
import io.sgdscope.producers.sink.SampleProducers;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.sink.KafkaRecordSink;
import io.sgdscope.producers.scenario.DelayedLabelSource;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.common.LabelRecord;
import java.util.ArrayList;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.StreamsService;
import io.sgdscope.streams.topology.StreamsAppStats;
import io.sgdscope.streams.topology.StreamsTopology;
import io.sgdscope.streams.topology.TopologyNames;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerService;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.util.Map;
import io.sgdscope.monitoring.binder.DriftDetectionMetrics;
import io.sgdscope.monitoring.binder.ModelInsightMetrics;
import io.sgdscope.monitoring.binder.ModelMetrics;
import io.sgdscope.monitoring.binder.SnapshotMetrics;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.drift.DriftTruthFeed;
import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.insight.InsightPublisher;
import io.sgdscope.trainer.insight.InsightWorker;
import io.sgdscope.trainer.predict.KafkaPredictionSink;
import io.sgdscope.trainer.predict.QueuedPredictionSink;
import io.sgdscope.trainer.predict.PredictionSink;
import io.sgdscope.monitoring.binder.PredictionPublishMetrics;

/**
 * Builds each part of the pipeline from its config, binds its metrics and starts it in a
 * {@link ServiceGroup}. Commands and tests compose the same parts, so the demo, the standalone
 * services and the integration test run identical wiring.
 */
public final class PipelineParts {

    private final KafkaClientConfig kafka;
    private final Topics topics;
    private final MeterRegistry registry;
    private final ServiceGroup group;

    public PipelineParts(KafkaClientConfig kafka, Topics topics, MeterRegistry registry, ServiceGroup group) {
        this.kafka = kafka;
        this.topics = topics;
        this.registry = registry;
        this.group = group;
    }

    /** The default scenario's source (teacher-linear) with {@code cfg}'s settings. */
    public ProducerStats startProducer(ProduceConfig cfg) {
        return startProducer(cfg, RawConfig.empty());
    }

    /**
     * Runs the scenario of {@code raw} ({@code source:}, {@code phases:}, {@code scenario:}) to
     * {@code samples.raw}, its phase changes to {@code drift.truth}, and, when its {@code labels:}
     * sections hold labels back, those labels to {@code labels.raw}.
     */
    public ProducerStats startProducer(ProduceConfig cfg, RawConfig raw) {
        return startProducer(cfg, raw, false);
    }

    /**
     * {@link #startProducer(ProduceConfig, RawConfig)} for a producer that is the whole run
     * ({@code sgdscope produce}): when its work ends ({@code --max-samples} sent, a file replayed
     * once, a scenario's end), it flushes and closes its sinks, and then the run ends, exit 0.
     */
    public ProducerStats startProducerEndingRun(ProduceConfig cfg, RawConfig raw) {
        return startProducer(cfg, raw, true);
    }

    private ProducerStats startProducer(ProduceConfig cfg, RawConfig raw, boolean endsRun) {
        ProducerStats stats = new ProducerStats();
        new ProducerMetrics(cfg.stream(), stats).bindTo(registry);
        Topic<String, DriftEvent> truthTopic = topics.driftTruth();
        var truth = KafkaRecordSink.driftTruth(SampleProducers.create(kafka, truthTopic, "sgdscope-truth-" + cfg.stream(), cfg),
                truthTopic, stats);
        ScenarioSource source;
        try {
            source = ScenarioSource.open(raw, cfg, System::currentTimeMillis, truth);
        } catch (RuntimeException e) {
            truth.close();
            throw e;
        }
        List<AutoCloseable> closeAfter = new ArrayList<>(List.of(truth));
        SampleSource produced = source;
        if (source.spec().delaysLabels()) {
            Topic<String, LabelRecord> labelTopic = topics.labelsRaw();
            var labels = KafkaRecordSink.labels(
                    SampleProducers.create(kafka, labelTopic, "sgdscope-labels-" + cfg.stream(), cfg), labelTopic, stats);
            closeAfter.add(labels); // after the source, whose close sends the labels still waiting
            produced = new DelayedLabelSource(source, cfg.seed(), labels);
        }
        Topic<String, Sample> topic = cfg.rawTopic(topics);
        var sink = new KafkaSampleSink(SampleProducers.create(kafka, topic, "sgdscope-producer-" + cfg.stream(), cfg),
                topic, stats);
        var service = new ProducerService(produced, sink, RateLimiter.perSecond(cfg.ratePerSecond()), cfg.maxSamples(),
                stats, cfg.progressInterval(), System::nanoTime, closeAfter);
        // run() returns once the sinks are flushed and closed: every sample sent is acked or failed by then
        group.run("producer", endsRun ? () -> {
            service.run();
            group.finished("producer");
        } : service, service::stop);
        return stats;
    }

    /** A started streams app: the service, to wait for it, and the stats it keeps. */
    public record RunningStreamsApp(StreamsService service, ValidationStats stats, StreamsAppStats all) {
    }

    public RunningStreamsApp startStreamsApp(StreamsAppConfig cfg) {
        StreamsAppStats all = StreamsAppStats.create(cfg);
        ValidationStats stats = all.validation();
        new ValidationMetrics(stats).bindTo(registry);
        new LabelJoinMetrics(all.join()).bindTo(registry);
        new DriftMetrics(all.drift(), cfg.drift().topK()).bindTo(registry);
        var service = new StreamsService(
                StreamsTopology.build(cfg, TopologyNames.of(topics), all), cfg.toStreamsProperties(kafka),
                e -> group.fail("streams-app", e));
        group.add("streams-app", service);
        // its meters are removed when the group closes
        KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(service.kafkaStreams());
        kafkaMetrics.bindTo(registry);
        group.add("streams-app metrics", kafkaMetrics);
        service.start();
        return new RunningStreamsApp(service, stats, all);
    }

    public TrainerStats startTrainer(TrainerConfig cfg, Map<String, String> provenance) {
        TrainerStats stats = new TrainerStats();
        new TrainerMetrics(stats).bindTo(registry);
        stats.onModel(model -> {
            new ModelMetrics(model).bindTo(registry);
            new ModelInsightMetrics(model).bindTo(registry);
            new DriftDetectionMetrics(model).bindTo(registry);
        });
        Topic<String, Sample> topic = topics.samplesClean();
        var service = new TrainerService(TrainerService.createConsumer(kafka, topic, cfg.groupId()), topic, cfg,
                trainingContext(cfg), stats, provenance);
        Runnable loop = cfg.stopAtEnd() ? () -> {
            service.run();
            group.finished("trainer");
        } : service;
        group.run("trainer", loop, service::stop);
        return stats;
    }

    /**
     * The metrics thread, the trainer.metrics publisher, the drift truth reader and the predictions
     * publisher, all closed with the group (after the trainer, which was started later).
     */
    private TrainingContext trainingContext(TrainerConfig cfg) {
        InsightWorker worker = group.add("metrics thread", new InsightWorker());
        InsightPublisher publisher = cfg.metrics().publish()
                ? group.add("trainer.metrics publisher", new InsightPublisher(
                        InsightPublisher.createProducer(kafka, topics.trainerMetrics()), topics.trainerMetrics().name()))
                : null;
        new SnapshotMetrics(worker, publisher).bindTo(registry);
        DriftTruthLog truth = new DriftTruthLog();
        Topic<String, DriftEvent> truthTopic = topics.driftTruth();
        DriftTruthFeed feed = new DriftTruthFeed(DriftTruthFeed.createConsumer(kafka, truthTopic), truthTopic.name(), truth);
        group.run("drift truth reader", feed, feed::stop);
        return new TrainingContext(new Dl4jBackend(), worker, publisher == null ? r -> { } : publisher, truth,
                System::currentTimeMillis, predictionSink(cfg));
    }

    /** Predictions waiting for the publisher thread before the training thread waits: a few ms of training. */
    private static final int PREDICTION_QUEUE = 8_192;

    /** {@code trainer.predictions} in front of a Kafka publisher; no producer at all when it is {@code none}. */
    private PredictionSink predictionSink(TrainerConfig cfg) {
        if (!cfg.predictions().enabled()) {
            return PredictionSink.NONE;
        }
        Topic<String, byte[]> topic = topics.predictions();
        KafkaPredictionSink sink = group.add("predictions publisher",
                new KafkaPredictionSink(KafkaPredictionSink.createProducer(kafka, topic), topic.name()));
        new PredictionPublishMetrics(sink).bindTo(registry);
        // the training thread only enqueues; encoding and the producer's append run on the queue's
        // thread. Added after the publisher, so it is closed (and emptied into it) first.
        QueuedPredictionSink queue = group.add("predictions queue", new QueuedPredictionSink(sink, PREDICTION_QUEUE,
                task -> {
                    Thread t = new Thread(task, "sgdscope-predictions");
                    t.setDaemon(true);
                    return t;
                }));
        return cfg.predictions().select(queue);
    }
}

package io.sgdscope.launcher.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgdscope.common.Sample;
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
import io.sgdscope.producers.source.LinearTeacherSource;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.StreamsAppStats;
import io.sgdscope.streams.StreamsService;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.streams.validation.ValidationTopology;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerService;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.LogisticRegression;

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

    public ProducerStats startProducer(ProduceConfig cfg) {
        ProducerStats stats = new ProducerStats();
        new ProducerMetrics(cfg.stream(), stats).bindTo(registry);
        Topic<String, Sample> topic = topics.samplesRaw();
        var sink = new KafkaSampleSink(SampleProducers.create(kafka, topic, "sgdscope-producer-" + cfg.stream()), topic, stats);
        var source = new LinearTeacherSource(cfg.stream(), cfg.dimension(), cfg.seed(), System::currentTimeMillis);
        var service = new ProducerService(source, sink, RateLimiter.perSecond(cfg.ratePerSecond()), cfg.maxSamples());
        group.run("producer", service, service::stop);
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
                ValidationTopology.build(cfg, topics, all), cfg.toStreamsProperties(kafka),
                e -> group.fail("streams-app", e));
        group.add("streams-app", service);
        // its meters are removed when the group closes
        KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(service.kafkaStreams());
        kafkaMetrics.bindTo(registry);
        group.add("streams-app metrics", kafkaMetrics);
        service.start();
        return new RunningStreamsApp(service, stats, all);
    }

    public TrainerStats startTrainer(TrainerConfig cfg) {
        TrainerStats stats = new TrainerStats(cfg.modelName());
        new TrainerMetrics(stats).bindTo(registry);
        var learner = new LogisticRegression(cfg.modelName(), cfg.dimension(), cfg.learningRate());
        var evaluator = new PrequentialEvaluator(learner, cfg.window(), cfg.fadingFactor());
        Topic<String, Sample> topic = topics.samplesClean();
        var service = new TrainerService(TrainerService.createConsumer(kafka, topic, cfg.groupId()), topic, evaluator, stats);
        group.run("trainer", service, service::stop);
        return stats;
    }
}

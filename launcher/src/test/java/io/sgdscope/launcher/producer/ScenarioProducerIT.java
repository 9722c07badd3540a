package io.sgdscope.launcher.producer;

import static io.sgdscope.launcher.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.ProducerStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A scenario run by the real publisher on a real broker: samples, drift truth and metrics line up. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ScenarioProducerIT {

    private static final String SCENARIO = """
            scenario: { end: 4000 }
            source: { type: sea }
            phases:
              - noise: { type: symmetric, rate: 0.1 }
              - start: 1000
                shift: { concept: { function: 2 } }
              - start: 2500
                transition: gradual
                width: 1000
                shift: { concept: { function: 3 } }
            producer: { stream: sea-it, rate: 0 }
            """;

    @Test
    void samplesAndTruthEventsArriveAtTheirExactIndices(EmbeddedKafkaBroker broker) {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics.allNames(), 1);
        RawConfig raw = RawConfig.fromYaml(new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "it.yaml");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerStats stats;
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            stats = new PipelineParts(kafka, topics, registry, group).startProducer(ProduceConfig.from(raw), raw);
            await().atMost(Duration.ofSeconds(60)).until(() -> stats.acked() == 4000);
        }
        // in the producer's default format, binary
        List<ConsumerRecord<String, Sample>> samples = TopicReader.atLeast(kafka, ProduceConfig.from(raw).rawTopic(topics), 4000, prefix + "s");
        List<ConsumerRecord<String, DriftEvent>> truth = TopicReader.atLeast(kafka, topics.driftTruth(), 3, prefix + "t");

        assertThat(samples).hasSize(4000);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i).value();
            assertThat(s.id()).isEqualTo("sea-it-" + i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(samples.get(i).key()).isEqualTo("sea-it");
        }
        assertThat(truth).extracting(ConsumerRecord::key).containsOnly("sea-it");
        List<DriftEvent> events = truth.stream().map(ConsumerRecord::value).toList();
        assertThat(events).extracting(DriftEvent::sampleIndex).containsExactly(0L, 1000L, 2500L);
        assertThat(events).extracting(DriftEvent::kind)
                .containsExactly(DriftEvent.Kind.START, DriftEvent.Kind.CONCEPT, DriftEvent.Kind.CONCEPT);
        assertThat(events.get(2).gradualEndIndex()).isEqualTo(3500L);
        assertThat(samples.get(999).value().truth().phase()).isZero();
        assertThat(samples.get(1000).value().truth().phase()).isEqualTo(1);
        assertThat(samples.get(3999).value().truth().phase()).isEqualTo(2);
        long noisy = samples.stream().filter(r -> r.value().truth().noisy()).count();
        assertThat(noisy).isPositive();

        String text = registry.scrape();
        assertThat(value(text, "sgdscope_producer_samples_total{stream=\"sea-it\"}")).isEqualTo(4000);
        assertThat(value(text, "sgdscope_producer_phase{stream=\"sea-it\"}")).isEqualTo(2);
        assertThat(value(text, "sgdscope_producer_truth_events_total{stream=\"sea-it\"}")).isEqualTo(3);
    }
}

package io.sgdscope.launcher.pipeline;

import static io.sgdscope.launcher.PrometheusText.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.eval.PendingLimits;
import io.sgdscope.trainer.predict.PredictionsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code delayed-labels} scenario end to end on a real broker: every valid sample is
 * predicted when it arrives and its prediction published; every label that arrives is scored
 * once, on the prediction held since the sample arrived; and the trainer's label counts add up.
 *
 * <p>The scenario's last samples would keep the predictions of their never-arriving labels pending
 * forever, since nothing newer comes. So once the scenario is done the test sends one closing
 * sample, later in event time than the pending age limit, and then its label: the closing sample
 * evicts every prediction still waiting, and its own label takes it off the pending store again.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DelayedLabelsIT {

    private static final int SAMPLES = 3_000;
    /** The trainer's {@code trainer.pending.max-age}: far above the scenario's delays, far below the closing jump. */
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final String CLOSING_ID = "closing-sample";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void everySampleIsPredictedOnArrivalAndEveryArrivedLabelIsScoredOnce(EmbeddedKafkaBroker broker) throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        RawConfig raw = Scenarios.load("delayed-labels").overriddenBy(RawConfig.of(Map.of(
                PredictionsConfig.MODE, "all",
                PendingLimits.MAX_AGE, MAX_AGE.toSeconds() + "s",
                // the scenario's own dimension, learnt from the first sample as the demo does
                StreamsAppConfig.FEATURE_DIMENSION, "0",
                // labels (keyed by sample id) spread over both partitions, the stream's samples sit in one:
                // the join meets them only through its repartitions by sample id
                TopicLayout.PARTITIONS, "2"), "DelayedLabelsIT"));
        TopicSetup.ensureTopics(kafka, topics.allNames(), TopicLayout.from(raw));
        ProduceConfig produce = ProduceConfig.from(raw).withMaxSamples(SAMPLES);
        String stream = produce.stream();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, registry, group);
            TrainerStats trainer = parts.startTrainer(TrainerConfig.from(raw).withGroupId(prefix + "trainer"),
                    Map.of("test", "DelayedLabelsIT"));
            PipelineParts.RunningStreamsApp streams = parts.startStreamsApp(StreamsAppConfig.from(raw)
                    .withApplicationId(prefix + "streams").withStateDir(stateDir));
            ProducerStats producer = parts.startProducer(produce, raw);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> producer.acked() >= SAMPLES);

            // What the scenario sent: samples, some labelled at once, the others with a label sent apart, or never.
            List<Sample> samples = TopicReader.exactly(kafka, produce.rawTopic(topics), SAMPLES, prefix + "check-raw")
                    .stream().map(ConsumerRecord::value).toList();
            Set<String> unlabelled = new HashSet<>();
            long newestEventTime = 0;
            for (Sample s : samples) {
                if (!s.isLabelled()) {
                    unlabelled.add(s.id());
                }
                newestEventTime = Math.max(newestEventTime, s.eventTimeMs());
            }
            long labelledAtArrival = SAMPLES - unlabelled.size();
            assertThat(unlabelled).as("samples whose label comes later").isNotEmpty();
            // every label the producer sends has been joined (none comes after its sample's window)
            // (the producer sends the labels still due when it stops, so wait for the count to settle)
            await().atMost(Duration.ofSeconds(90)).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> producer.labelsSent() == TopicReader.endOffset(kafka, topics.labelsRaw().name())
                            && streams.all().join().joined() == producer.labelsSent());
            long labelsSent = TopicReader.endOffset(kafka, topics.labelsRaw().name());
            List<LabelRecord> labels = TopicReader.exactly(kafka, topics.labelsRaw(), (int) labelsSent, prefix + "check-labels")
                    .stream().map(ConsumerRecord::value).toList();
            assertThat(labels).extracting(LabelRecord::sampleId).doesNotHaveDuplicates().allMatch(unlabelled::contains);
            assertThat(labelsSent).as("some labels never arrive").isLessThan(unlabelled.size()).isPositive();

            // the closing sample, then its label
            Sample model = samples.get(0);
            long closingTime = newestEventTime + 2 * MAX_AGE.toMillis();
            Sample closing = new Sample(CLOSING_ID, stream, closingTime, model.features().clone(), null, null);
            sendClosing(kafka, topics, closing, labels.get(0).label());
            long arrived = labelsSent + 1;

            List<ModelStats> models = trainer.models().stream().filter(m -> m.stream().equals(stream)).toList();
            assertThat(models).isNotEmpty();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> models.stream()
                    .allMatch(m -> m.snapshot().prequential().samples() >= labelledAtArrival + arrived));
            assertThat(group.failure()).isNull();

            // every label that arrived is scored, once; unlabelled samples are not
            for (ModelStats m : models) {
                assertThat(m.snapshot().prequential().samples()).as("samples scored by %s", m.model())
                        .isEqualTo(labelledAtArrival + arrived);
            }
            assertThat(streams.all().join().joined()).isEqualTo(arrived);

            // What the trainer read. A label no later in event time than its sample, found waiting by it,
            // sends the sample on once, labelled and not joined: the trainer predicts, scores and learns it
            // at once. Every other delayed sample comes twice, whichever reached the join first.
            long labelled = labelledAtArrival + arrived;
            List<Sample> clean = TopicReader.until(kafka, topics.samplesClean(), prefix + "check-clean",
                    read -> read.stream().map(r -> r.value().id()).distinct().count() == SAMPLES + 1
                            && read.stream().filter(r -> r.value().isLabelled()).count() == labelled)
                    .stream().map(ConsumerRecord::value).toList();
            Set<String> cleanUnlabelledIds = new HashSet<>();
            clean.stream().filter(c -> !c.isLabelled()).forEach(c -> assertThat(cleanUnlabelledIds.add(c.id())).isTrue());
            long cleanUnlabelled = cleanUnlabelledIds.size();
            long cleanJoined = clean.stream().filter(Sample::joined).count();
            assertThat(clean.stream().filter(Sample::isLabelled).count()).as("labelled records on samples.clean")
                    .isEqualTo(labelled);
            assertThat(clean).hasSize((int) (cleanUnlabelled + labelled));
            assertThat(clean.stream().filter(Sample::joined).map(Sample::id))
                    .as("each joined sample came unlabelled first").doesNotHaveDuplicates()
                    .allMatch(cleanUnlabelledIds::contains);
            long predicted = cleanUnlabelled;

            String text = registry.scrape();
            for (ModelStats m : models) {
                LabelDelayScores d = m.snapshot().labelDelay();
                System.out.printf("%s: %d samples unlabelled on samples.clean, %d labels arrived (%d before their "
                                + "sample); on time %d, late %d, evicted %d; sliding accuracy %.3f at feature time, %.3f "
                                + "at label time%n", m.model(), predicted, arrived, arrived - cleanJoined, d.onTime(),
                        d.lateScored(), d.evicted(), m.snapshot().prequential().slidingAccuracy(), d.labelTimeAccuracy());
                assertThat(d.pending()).as("predictions of %s still pending", m.model()).isZero();
                assertThat(d.pendingAgeSeconds()).isZero();
                assertThat(d.onTime() + d.lateScored()).as("joined labels scored by %s, on time or late", m.model())
                        .isEqualTo(cleanJoined);
                assertThat(d.onTime() + d.evicted()).as("predictions of %s that left the pending store", m.model())
                        .isEqualTo(predicted);
                // so every label that never arrived had its prediction evicted
                assertThat(d.evicted()).isGreaterThanOrEqualTo(predicted - cleanJoined);
                assertThat(d.labelTimeAccuracy()).isBetween(0.0, 1.0);

                // and the exported series say the same
                Map<String, String> tags = Map.of("model", m.model(), "stream", stream);
                assertThat(labels(text, tags, "on_time")).isEqualTo(d.onTime());
                assertThat(labels(text, tags, "late_scored")).isEqualTo(d.lateScored());
                assertThat(labels(text, tags, "evicted")).isEqualTo(d.evicted());
                assertThat(sum(text, "sgdscope_trainer_pending_predictions", tags)).isZero();
                assertThat(sum(text, "sgdscope_trainer_pending_age_seconds", tags)).isZero();
            }

            // every valid sample has exactly one prediction per model on the predictions topic
            Map<String, Sample> byId = new HashMap<>();
            samples.forEach(s -> byId.put(s.id(), s));
            byId.put(CLOSING_ID, closing);
            Map<String, Set<String>> idsByVariant = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> r : TopicReader.exactly(kafka, topics.predictions(),
                    byId.size() * models.size(), prefix + "check-predictions")) {
                JsonNode p = JSON.readTree(r.value());
                String id = p.get("id").asText();
                assertThat(r.key()).isEqualTo(id);
                assertThat(byId).containsKey(id);
                assertThat(p.get("stream").asText()).isEqualTo(stream);
                assertThat(p.get("sample_time_ms").asLong()).as("sample time of %s", id)
                        .isEqualTo(byId.get(id).eventTimeMs());
                assertThat(p.get("predicted_at_ms").asLong()).isPositive();
                // labelled: the trainer had the label when it predicted
                assertThat(p.get("labelled").asBoolean()).isEqualTo(!cleanUnlabelledIds.contains(id));
                assertThat(p.get("step").asLong()).isNotNegative();
                assertThat(idsByVariant.computeIfAbsent(p.get("variant").asText(), v -> new HashSet<>()).add(id))
                        .as("one prediction of %s by %s", id, p.get("variant").asText()).isTrue();
            }
            assertThat(idsByVariant.keySet()).containsExactlyInAnyOrderElementsOf(
                    models.stream().map(ModelStats::model).toList());
            idsByVariant.values().forEach(ids -> assertThat(ids).isEqualTo(byId.keySet()));
        }
    }

    private static double labels(String text, Map<String, String> tags, String outcome) {
        Map<String, String> withOutcome = new HashMap<>(tags);
        withOutcome.put("outcome", outcome);
        double v = sum(text, "sgdscope_trainer_labels_total", withOutcome);
        assertThat(v).as("sgdscope_trainer_labels_total%s", withOutcome).isNotNaN();
        return v;
    }

    /** Sends the closing sample unlabelled to samples.raw, then its label to labels.raw, in that order. */
    private static void sendClosing(KafkaClientConfig kafka, Topics topics, Sample closing,
                                    io.sgdscope.common.Label label) throws Exception {
        Topic<String, Sample> samplesRaw = topics.samplesRaw();
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("acks", "all")),
                samplesRaw.keySerde().serializer(), samplesRaw.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(samplesRaw.name(), null, closing.eventTimeMs(), closing.stream(),
                    closing)).get();
        }
        Topic<String, LabelRecord> labelsRaw = topics.labelsRaw();
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of("acks", "all")),
                labelsRaw.keySerde().serializer(), labelsRaw.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(labelsRaw.name(), null, closing.eventTimeMs(), closing.id(),
                    new LabelRecord(closing.id(), closing.stream(), label, closing.eventTimeMs()))).get();
        }
    }
}

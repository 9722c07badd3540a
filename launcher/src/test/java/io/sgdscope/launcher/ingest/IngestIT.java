package io.sgdscope.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.Main;
import io.sgdscope.launcher.TopicReader;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.broker.EmbeddedKafkaExtension;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ServiceGroup;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.ingest.IngestConfig;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.predict.PredictionsConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign team's topic end to end, with no Java on their side: their payment events (nested
 * JSON, categorical and missing values, 1% malformed) and, on a second topic and later, their
 * fraud labels, read through an {@code ingest:} section into the streams app and the trainer.
 * The mapped samples train a model past the majority-class baseline; every malformed record is in
 * the DLQ with its reason and its original bytes; {@code ingest infer} drafts a mapping of the same
 * topic that compiles and runs.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class IngestIT {

    private static final int EVENTS = 50_000;
    private static final long SEED = 14;
    /** A payment's label is sent this many payments after the payment itself. */
    private static final int LABEL_LAG = 1_000;

    @TempDir
    Path stateDir;

    private static final String MAPPING = """
            ingest:
              - from: %1$spayments
                format: json
                id: /txn_id
                stream: payments
                timestamp: /ts
                labels-from: { topic: %1$schargebacks, id: /txn_id, timestamp: /ts, label: { field: /fraud, classes: [false, true] } }
                features:
                  - { field: /amount, transform: log1p, missing: 0, missing-indicator: true }
                  - { field: /user/age, clip: [0, 120], scale: standard, missing: 45, missing-indicator: true }
                  - { field: /channel, one-hot: [web, app, pos], other: true, optional: true }
                  - { field: /user/country, one-hot: { learn: 10 }, other: true }
            """;

    @Test
    void aForeignTopicTrainsAModelItsBadRecordsReachTheDlqAndInferDraftsAWorkingMapping(EmbeddedKafkaBroker broker)
            throws Exception {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
        TopicSetup.ensureTopics(kafka, topics, 1);
        String payments = prefix + "payments";
        String chargebacks = prefix + "chargebacks";
        TopicSetup.ensureTopics(kafka, List.of(payments, chargebacks), 1);

        List<ForeignPayments.Payment> generated = ForeignPayments.generate(EVENTS, SEED);
        Map<String, ForeignPayments.Payment> malformed = new HashMap<>();
        generated.stream().filter(p -> p.malformed() != null).forEach(p -> malformed.put(p.txnId(), p));
        long wellFormed = EVENTS - malformed.size();
        double baseline = ForeignPayments.majorityBaseline(generated);
        assertThat(malformed.size()).as("about 1% malformed").isBetween(EVENTS / 200, EVENTS / 50);

        RawConfig raw = RawConfig.fromYaml(new ByteArrayInputStream(MAPPING.formatted(prefix)
                .getBytes(StandardCharsets.UTF_8)), "ingest-it.yaml");
        IngestConfig ingest = IngestConfig.from(raw);
        int dimension = ingest.mappings().get(0).dimension();
        RawConfig settings = raw.overriddenBy(RawConfig.of(Map.of(
                TrainerConfig.MODEL, "linear:" + dimension + "-2",
                // nothing here reads the predictions topic; label-time scores do not need it
                PredictionsConfig.MODE, "none",
                // the join runs on stream time, which the label path (fewer hops) can push far ahead of the
                // sample path on a busy machine: a window over the whole run keeps every label joinable
                StreamsAppConfig.JOIN_WINDOW, "3h"), "IngestIT"));

        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, topics, new SimpleMeterRegistry(), group);
            TrainerStats trainer = parts.startTrainer(TrainerConfig.from(settings).withGroupId(prefix + "trainer"),
                    Map.of("test", "IngestIT"));
            PipelineParts.RunningStreamsApp streams = parts.startStreamsApp(StreamsAppConfig.from(settings)
                    .withApplicationId(prefix + "streams").withStateDir(stateDir.resolve("app")), ingest);
            send(kafka, payments, chargebacks, generated);

            // every well-formed payment is labelled later, so each is scored once, at label time
            long start = System.nanoTime();
            try {
                // generous: on an idle 2-core machine this takes about a minute, on a loaded one many
                await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(250)).until(() ->
                        scored(trainer) >= wellFormed);
            } finally {
                System.out.printf("IngestIT: after %.0f s: %d valid samples, %d labels joined, %d scored of %d%n",
                        (System.nanoTime() - start) / 1e9, streams.stats().valid(), streams.all().join().joined(),
                        scored(trainer), wellFormed);
            }
            assertThat(group.failure()).isNull();
            ModelStats model = trainer.models().stream().filter(m -> m.stream().equals("payments")).findFirst()
                    .orElseThrow();
            var snapshot = model.snapshot();
            System.out.printf("IngestIT: %d payments, %d malformed; majority baseline %.3f; prequential accuracy %.3f, "
                            + "label-time accuracy %.3f, sliding %.3f%n", EVENTS, malformed.size(), baseline,
                    snapshot.prequential().accuracy(), snapshot.labelDelay().labelTimeAccuracy(),
                    snapshot.prequential().slidingAccuracy());
            assertThat(snapshot.prequential().samples()).isEqualTo(wellFormed);
            assertThat(snapshot.prequential().accuracy()).as("prequential accuracy against the majority baseline %.3f",
                    baseline).isGreaterThan(baseline + 0.05);
            assertThat(snapshot.labelDelay().labelTimeAccuracy()).isGreaterThan(baseline + 0.05);
            assertThat(streams.all().join().joined()).as("labels joined").isEqualTo(wellFormed);

            // every malformed payment, and nothing else, is in the DLQ: reason, original bytes, source
            List<ConsumerRecord<String, byte[]>> dlq = TopicReader.exactly(kafka, topics.samplesDlq(), malformed.size(),
                    prefix + "check-dlq");
            for (ConsumerRecord<String, byte[]> r : dlq) {
                String offset = header(r, DlqHeaders.SOURCE_OFFSET);
                ForeignPayments.Payment p = generated.get(Integer.parseInt(offset));
                assertThat(p.malformed()).as("payment at offset %s", offset).isNotNull();
                assertThat(r.value()).isEqualTo(p.bytes());
                assertThat(header(r, DlqHeaders.SOURCE_TOPIC)).isEqualTo(payments);
                assertThat(header(r, DlqHeaders.REASON)).isEqualTo(switch (p.malformed()) {
                    case TRUNCATED -> "unparsable";
                    case AMOUNT_NOT_A_NUMBER -> "wrong_type";
                });
            }
            assertThat(dlq.stream().map(r -> header(r, DlqHeaders.SOURCE_OFFSET)).distinct()).hasSize(malformed.size());

            // the learned vocabulary named its slots on features.schema
            var tables = TopicReader.atLeast(kafka, topics.featuresSchema(), 1, prefix + "check-schema");
            assertThat(tables.get(tables.size() - 1).key()).isEqualTo("payments");
            assertThat(tables.get(tables.size() - 1).value()).contains("user/country=DE");
        }

        // ingest infer drafts a mapping of the same topic; the draft compiles and a streams app runs it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "ingest", "infer", "--topic", payments,
                "--samples", "1000", "--bootstrap-servers", broker.bootstrapServers());
        assertThat(code).as("ingest infer: %s", err).isZero();
        System.out.println("IngestIT: drafted mapping\n" + out);
        IngestConfig drafted = IngestConfig.from(RawConfig.fromYaml(
                new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), "drafted.yaml"));
        assertThat(drafted.mappings()).hasSize(1);
        assertThat(drafted.mappings().get(0).topic()).isEqualTo(payments);
        Topics second = new Topics(prefix + "draft.");
        TopicSetup.ensureTopics(kafka, second, 1);
        try (ServiceGroup group = new ServiceGroup(new ShutdownSignal())) {
            PipelineParts parts = new PipelineParts(kafka, second, new SimpleMeterRegistry(), group);
            PipelineParts.RunningStreamsApp app = parts.startStreamsApp(StreamsAppConfig.from(RawConfig.empty())
                    .withApplicationId(prefix + "draft").withStateDir(stateDir.resolve("draft")), drafted);
            // it maps the topic: valid samples come out, and the app stays up
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stats().valid() >= 1_000);
            assertThat(group.failure()).isNull();
        }
    }

    private static long scored(TrainerStats trainer) {
        return trainer.models().stream().filter(m -> m.stream().equals("payments"))
                .mapToLong(m -> m.snapshot().prequential().samples()).sum();
    }

    /** The payments in order, each with its event time as timestamp; each label {@link #LABEL_LAG} payments later. */
    private static void send(KafkaClientConfig kafka, String payments, String chargebacks,
                             List<ForeignPayments.Payment> generated) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.toProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5)), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < generated.size() + LABEL_LAG; i++) {
                if (i < generated.size()) {
                    ForeignPayments.Payment p = generated.get(i);
                    producer.send(new ProducerRecord<>(payments, null, p.eventTimeMs(), null, p.bytes()));
                }
                int labelled = i - LABEL_LAG;
                if (labelled >= 0 && generated.get(labelled).fraud() != null) {
                    ForeignPayments.Payment p = generated.get(labelled);
                    producer.send(new ProducerRecord<>(chargebacks, null, p.eventTimeMs() + ForeignPayments.LABEL_DELAY_MS,
                            p.txnId().getBytes(StandardCharsets.UTF_8), p.labelBytes()));
                }
            }
            producer.flush();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

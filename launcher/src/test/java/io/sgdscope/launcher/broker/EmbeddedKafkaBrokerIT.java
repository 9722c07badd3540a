package io.sgdscope.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;

    EmbeddedKafkaBrokerIT(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @Test
    void bindsToLoopbackOnly() {
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.port()).isPositive();
    }

    @Test
    void deliversOneThousandRecordsInOrder() {
        String topic = EmbeddedKafkaExtension.uniquePrefix() + "ordered";
        broker.createTopics(List.of(topic), 1);
        List<String> sent = IntStream.range(0, 1_000).mapToObj(i -> "value-" + i).toList();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker, Map.of()))) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }

        assertThat(consumeValues(broker, topic, sent.size(), "read_uncommitted")).containsExactlyElementsOf(sent);
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        String topic = EmbeddedKafkaExtension.uniquePrefix() + "twice";
        broker.createTopics(List.of(topic), 3);
        broker.createTopics(List.of(topic, topic), 3);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(3);
        }
    }

    @Test
    void transactionalProducerCommitsAndAborts() {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        String topic = prefix + "tx";
        broker.createTopics(List.of(topic), 1);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                producerConfig(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "producer")))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "committed-" + i));
            }
            producer.commitTransaction();
        }

        assertThat(consumeValues(broker, topic, 10, "read_committed"))
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "committed-" + i).toList());
    }

    @Test
    void exactlyOnceStreamsAppProcessesRecords(@TempDir Path stateDir) {
        String prefix = EmbeddedKafkaExtension.uniquePrefix();
        String input = prefix + "in";
        String output = prefix + "out";
        broker.createTopics(List.of(input, output), 2);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Map<String, Object> streamsConfig = Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(streamsConfig))) {
            streams.start();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker, Map.of()))) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(input, "key", "v" + i));
                }
            }

            assertThat(consumeValues(broker, output, 20, "read_committed"))
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "V" + i).toList());
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void restartOnSameDataDirKeepsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
        String topic = EmbeddedKafkaExtension.uniquePrefix() + "durable";
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "persisted-" + i).toList();
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults().withDataDir(dataDir);

        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(config)) {
            clusterId = first.clusterId();
            first.createTopics(List.of(topic), 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first, Map.of()))) {
                for (String value : sent) {
                    // One key keeps every record in one partition, so their order is defined.
                    producer.send(new ProducerRecord<>(topic, "key", value));
                }
                producer.flush();
            }
        }
        assertThat(dataDir).isDirectory();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(config)) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).contains(topic);
            }
            assertThat(consumeValues(second, topic, sent.size(), "read_uncommitted")).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void closeIsIdempotentAndDeletesTemporaryDataDir() {
        EmbeddedKafkaBroker temporary = EmbeddedKafkaBroker.start(EmbeddedBrokerConfig.defaults());
        Path dataDir = temporary.dataDir();
        assertThat(dataDir).isDirectory();

        temporary.close();
        temporary.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(() -> temporary.createTopics(List.of("late"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void fixedPortInUseFailsWithClearMessage() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(EmbeddedBrokerConfig.defaults().withPort(port)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("broker.port " + port)
                    .hasMessageContaining("not available");
        }
    }

    @Test
    void invalidOverrideFailsWithClearMessage() {
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults().withOverrides(Map.of("num.partitions", "many"));

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(config))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("failed to start")
                .hasMessageContaining("num.partitions");
    }

    @Test
    void dataDirThatIsAFileFailsWithClearMessage(@TempDir Path tempDir) throws IOException {
        Path file = Files.writeString(tempDir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(EmbeddedBrokerConfig.defaults().withDataDir(file)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("broker.data-dir " + file);
    }

    private static Map<String, Object> producerConfig(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return config;
    }

    private static List<String> consumeValues(EmbeddedKafkaBroker broker, String topic, int expected, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(DEADLINE).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            // Anything beyond the expected records (duplicates, aborted data) would show up here.
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }
}

package io.sgdscope.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.SecretKeys;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.topology.StreamsAppStats;
import io.sgdscope.streams.topology.StreamsTopology;
import io.sgdscope.streams.topology.TopologyNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret rule lives in common, which cannot see Kafka Streams; here it meets StreamsConfig. */
class StreamsSecretsTest {

    @TempDir
    Path stateDir;

    static Stream<String> passwordKeys(ConfigDef... defs) {
        return Stream.of(defs).flatMap(d -> d.configKeys().values().stream())
                .filter(k -> k.type == ConfigDef.Type.PASSWORD).map(k -> k.name).distinct();
    }

    @Test
    void everyStreamsPasswordKeyIsSecretWithEveryStreamsClientPrefix() {
        List<UnaryOperator<String>> prefixes = List.of(UnaryOperator.identity(), StreamsConfig::producerPrefix,
                StreamsConfig::consumerPrefix, StreamsConfig::mainConsumerPrefix, StreamsConfig::restoreConsumerPrefix,
                StreamsConfig::globalConsumerPrefix, StreamsConfig::adminClientPrefix);
        List<String> clientKeys = passwordKeys(
                ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef()).toList();
        assertThat(clientKeys).isNotEmpty();
        for (String key : clientKeys) {
            for (UnaryOperator<String> prefix : prefixes) {
                String prefixed = prefix.apply(key);
                assertThat(SecretKeys.isSecret(prefixed)).as(prefixed).isTrue();
                assertThat(SecretKeys.isSecret(KafkaClientConfig.PREFIX + prefixed)).as(prefixed).isTrue();
            }
        }
        passwordKeys(StreamsConfig.configDef()).forEach(key -> assertThat(SecretKeys.isSecret(key)).as(key).isTrue());
    }

    /**
     * Building the streams app makes Kafka log the config of Streams, its admin client and its
     * stream thread's clients. Every secret must show masked, prefixed or not, and our pass-through
     * keys Kafka does not know must be named without their value.
     */
    @Test
    void startingTheStreamsAppLogsNoSecretValue() {
        Map<String, String> secrets = Map.of(
                "ssl.keystore.key", "PEM-KEY-VALUE-1",
                "ssl.key.password", "KEY-PASSWORD-VALUE-2",
                "sasl.jaas.config", "PlainLoginModule required password=\"JAAS-VALUE-3\";",
                "basic.auth.user.info", "user:USER-INFO-VALUE-4",
                StreamsConfig.mainConsumerPrefix("ssl.truststore.password"), "TRUSTSTORE-VALUE-5",
                StreamsConfig.producerPrefix("sasl.jaas.config"), "PlainLoginModule required password=\"JAAS-VALUE-6\";");
        StreamsAppConfig cfg = StreamsAppConfig.from(RawConfig.of(
                Map.of(StreamsAppConfig.STATE_DIR, stateDir.toString()), "test"));
        KafkaClientConfig kafka = new KafkaClientConfig("127.0.0.1:1", secrets);
        assertThat(kafka.secrets()).hasSameSizeAs(secrets);

        String log = capturingStandardError(() -> {
            try (StreamsService service = new StreamsService(
                    StreamsTopology.build(cfg, TopologyNames.of(Topics.defaults()), StreamsAppStats.create(cfg)),
                    cfg.toStreamsProperties(kafka), e -> { })) {
                assertThat(service.kafkaStreams()).isNotNull();
            }
        });

        assertThat(log).contains("StreamsConfig values", "ConsumerConfig values", "ProducerConfig values",
                "AdminClientConfig values", "sasl.jaas.config = [hidden]", "ssl.keystore.key = [hidden]",
                "basic.auth.user.info");
        for (String value : List.of("PEM-KEY-VALUE-1", "KEY-PASSWORD-VALUE-2", "JAAS-VALUE-3", "USER-INFO-VALUE-4",
                "TRUSTSTORE-VALUE-5", "JAAS-VALUE-6")) {
            assertThat(log).as("the log shows " + value).doesNotContain(value);
        }
    }

    /** slf4j-simple (the test backend) looks up System.err at every line, so swapping it captures the log. */
    static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

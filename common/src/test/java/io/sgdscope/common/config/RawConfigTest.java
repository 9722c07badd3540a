package io.sgdscope.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawConfigTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("sgdscope.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        RawConfig file = RawConfig.fromYaml(yaml("""
                trainer:
                  learning-rate: 0.1
                  window: 50
                producer:
                  rate: 10
                """));
        RawConfig env = RawConfig.fromEnv(Map.of("SGDSCOPE_TRAINER_WINDOW", "70", "SGDSCOPE_PRODUCER_RATE", "20", "HOME", "/root"),
                Set.of("trainer.window", "producer.rate", "trainer.learning-rate"));
        RawConfig flags = RawConfig.of(Map.of("producer.rate", "30"), "command line");
        RawConfig c = file.overriddenBy(env).overriddenBy(flags);
        assertThat(c.doubleValue("trainer.learning-rate", 0, 0, 1)).isEqualTo(0.1);
        assertThat(c.intValue("trainer.window", 0, 0, 1000)).isEqualTo(70);
        assertThat(c.doubleValue("producer.rate", 0, 0, 1000)).isEqualTo(30);
        assertThat(c.intValue("trainer.absent", 9, 0, 1000)).isEqualTo(9);
    }

    @Test
    void badValueNamesKeyAndItsFileAndLine() throws Exception {
        RawConfig c = RawConfig.fromYaml(yaml("""
                trainer:
                  window: 50
                  learning-rate: fast
                """));
        assertThatThrownBy(() -> c.doubleValue("trainer.learning-rate", 0, 0, 1))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("trainer.learning-rate"))
                .hasMessageContaining("'fast'")
                .hasMessageContaining("sgdscope.yaml:3");
    }

    @Test
    void unknownKeyIsNamedWithItsOrigin() throws Exception {
        RawConfig c = RawConfig.fromYaml(yaml("""
                trainer:
                  learning-rat: 0.1
                kafka:
                  security.protocol: SASL_SSL
                """));
        assertThatThrownBy(() -> c.requireKnown(Set.of("trainer.learning-rate"), Set.of("kafka.")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("trainer.learning-rat"))
                .hasMessageContaining("unknown key")
                .hasMessageContaining("sgdscope.yaml:2");
    }

    @Test
    void kafkaSectionPassesThroughFromFileEnvAndFlags() throws Exception {
        RawConfig c = RawConfig.fromYaml(yaml("""
                kafka:
                  bootstrap.servers: broker:9093
                  security.protocol: SASL_SSL
                  sasl:
                    mechanism: PLAIN
                """))
                .overriddenBy(RawConfig.fromEnv(Map.of("SGDSCOPE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/ts.jks"), Set.of()))
                .overriddenBy(RawConfig.of(Map.of("kafka.client.id", "me"), "command line"));
        KafkaClientConfig k = KafkaClientConfig.from(c);
        assertThat(k.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(k.properties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("ssl.truststore.location", "/etc/ts.jks"),
                Map.entry("client.id", "me"));
        assertThat(k.toProperties(Map.of("acks", "all", "client.id", "default")))
                .containsEntry("client.id", "me")
                .containsEntry("acks", "all")
                .containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void missingBootstrapServersSaysHowToSetThem() {
        assertThatThrownBy(() -> KafkaClientConfig.from(RawConfig.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrap.servers"))
                .hasMessageContaining("--bootstrap-servers")
                .hasMessageContaining("SGDSCOPE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void typedReaders() {
        RawConfig c = RawConfig.of(Map.of("a", "250ms", "b", "5m", "c", "PT2S", "d", "yes", "e", "exactly-once-v2",
                "f", "1_000", "g", "5 parsecs", "h", "maybe"), "test");
        assertThat(c.duration("a", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.duration("b", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.duration("c", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.booleanValue("d", false)).isTrue();
        assertThat(c.enumValue("e", Mode.class, Mode.AT_LEAST_ONCE)).isEqualTo(Mode.EXACTLY_ONCE_V2);
        assertThat(c.longValue("f", 0, 0, 10_000)).isEqualTo(1000);
        assertThatThrownBy(() -> c.duration("g", null)).hasMessageContaining("config key 'g'");
        assertThatThrownBy(() -> c.booleanValue("h", false)).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> c.enumValue("d", Mode.class, null)).hasMessageContaining("[at-least-once, exactly-once-v2]");
        assertThatThrownBy(() -> c.longValue("f", 0, 0, 10)).hasMessageContaining("between 0 and 10");
    }

    enum Mode { AT_LEAST_ONCE, EXACTLY_ONCE_V2 }

    @Test
    void malformedYamlNamesTheFile() throws Exception {
        Path f = yaml("trainer: [unclosed\n");
        assertThatThrownBy(() -> RawConfig.fromYaml(f)).isInstanceOf(ConfigException.class).hasMessageContaining("sgdscope.yaml");
        assertThatThrownBy(() -> RawConfig.fromYaml(dir.resolve("nope.yaml"))).hasMessageContaining("file not found");
    }
}

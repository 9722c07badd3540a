package io.sgdscope.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {

    /** Read from Kafka's ConfigDefs here, not through SecretKeys, so the test does not restate the rule. */
    static List<String> kafkaPasswordKeys() {
        return Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(d -> d.configKeys().values().stream())
                .filter(k -> k.type == ConfigDef.Type.PASSWORD)
                .map(k -> k.name)
                .distinct()
                .toList();
    }

    @Test
    void everyPasswordKeyOfTheClientConfigDefsIsSecretUnderAnyPrefix() {
        List<String> keys = kafkaPasswordKeys();
        assertThat(keys).contains("sasl.jaas.config", "ssl.key.password", "ssl.keystore.key");
        List<String> prefixes = List.of("", "kafka.", "producer.", "consumer.", "admin.", "main.consumer.",
                "restore.consumer.", "global.consumer.", "listener.name.sasl_ssl.plain.", "config.kafka.");
        for (String key : keys) {
            for (String prefix : prefixes) {
                assertThat(SecretKeys.isSecret(prefix + key)).as(prefix + key).isTrue();
            }
            assertThat(SecretKeys.isSecret(key.toUpperCase(Locale.ROOT))).as(key + " in upper case").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic.auth.user.info", "schema.registry.basic.auth.user.info", "ssl.keystore.key",
        "kafka.ssl.keystore.key", "ssl.key.password", "db.password", "oauth.client.secret", "api.token",
        "cloud.credentials.file", "java.security.auth.login.jaas", "SGDSCOPE.KAFKA.SSL.TRUSTSTORE.PASSWORD"})
    void ourPatternCoversWhatKafkaDoesNotType(String key) {
        assertThat(SecretKeys.isSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssl.keystore.type", "ssl.keystore.location", "ssl.truststore.location",
        "ssl.keymanager.algorithm", "ssl.endpoint.identification.algorithm", "sasl.mechanism", "security.protocol",
        "bootstrap.servers", "kafka.bootstrap.servers", "key.serializer", "kafka.client.id", "producer.acks",
        "trainer.learning-rate", "trainer.variants.sgd", "monkey"})
    void ordinarySettingsAreNotSecret(String key) {
        assertThat(SecretKeys.isSecret(key)).isFalse();
    }

    @Test
    void redactedMasksOnlySecretValues() {
        Map<String, String> shown = SecretKeys.redacted(Map.of(
                "kafka.sasl.mechanism", "PLAIN", "kafka.sasl.jaas.config", "PlainLoginModule password=\"p1\";"));
        assertThat(shown).containsExactly(
                Map.entry("kafka.sasl.jaas.config", Secret.MASK), Map.entry("kafka.sasl.mechanism", "PLAIN"));
        assertThat(SecretKeys.shown("kafka.ssl.key.password", "p2")).isEqualTo(Secret.MASK);
        assertThat(SecretKeys.shown("kafka.ssl.keystore.type", "PKCS12")).isEqualTo("PKCS12");
    }

    @Test
    void aSecretShowsOnlyTheMaskUntilRevealed() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).isEqualTo(Secret.MASK);
        assertThat(String.valueOf(List.of(s))).doesNotContain("hunter2");
        assertThat(s.reveal()).isEqualTo("hunter2");
        assertThat(s).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("other"));
    }

    @Test
    void kafkaClientConfigHoldsSecretPropertiesAsSecrets() {
        KafkaClientConfig k = new KafkaClientConfig("broker:9093", Map.of(
                "security.protocol", "SASL_SSL", "sasl.jaas.config", "jaas-value", "ssl.keystore.key", "pem-value",
                "basic.auth.user.info", "user:pass-value"));
        assertThat(k.properties()).containsOnly(Map.entry("security.protocol", "SASL_SSL"));
        assertThat(k.secrets()).containsOnlyKeys("sasl.jaas.config", "ssl.keystore.key", "basic.auth.user.info");
        assertThat(k.toString()).contains("SASL_SSL").doesNotContain("jaas-value", "pem-value", "pass-value");
        assertThat(k.toProperties(Map.of()))
                .containsEntry("sasl.jaas.config", "jaas-value")
                .containsEntry("ssl.keystore.key", "pem-value")
                .containsEntry("basic.auth.user.info", "user:pass-value")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aSecretPassedAsAPlainPropertyIsRefusedByName() {
        assertThatThrownBy(() -> new KafkaClientConfig("b:9092", Map.of("ssl.key.password", "p"), Map.of()))
                .hasMessageContaining("'ssl.key.password'")
                .hasMessageNotContaining("'p'");
    }

    @Test
    void theResolvedConfigShowsSecretsMaskedWithTheirOrigin() {
        RawConfig raw = RawConfig.of(Map.of("kafka.ssl.key.password", "p3", "kafka.client.id", "me"), "command line");
        assertThat(raw.redactedEntries().get("kafka.ssl.key.password"))
                .isEqualTo(new ConfigValue(Secret.MASK, "command line"));
        assertThat(raw.redactedEntries().get("kafka.client.id").value()).isEqualTo("me");
        assertThat(raw.entries().get("kafka.ssl.key.password").value()).isEqualTo("p3");
    }

    @Test
    void anErrorAboutASecretSettingDoesNotEchoItsValue() {
        RawConfig raw = RawConfig.of(Map.of("db.password", "hunter2"), "env SGDSCOPE_DB_PASSWORD");
        assertThatThrownBy(() -> raw.intValue("db.password", 0, 0, 10))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'db.password'")
                .hasMessageContaining(Secret.MASK)
                .hasMessageNotContaining("hunter2");
    }
}

package io.sgdscope.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.Secret;
import io.sgdscope.common.config.SecretKeys;
import io.sgdscope.launcher.cli.ConfigResolver;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance goes into every checkpoint manifest: no secret value may reach the disk. */
class ProvenanceSecretsTest {

    static final ModelSpec SPEC = ModelSpec.parse("linear:4-2");
    static final List<String> SECRET_VALUES = List.of("PEM-KEY-VALUE-1", "KEY-PASSWORD-VALUE-2", "JAAS-VALUE-3",
            "USER-INFO-VALUE-4", "TRUSTSTORE-VALUE-5");

    @TempDir
    Path dir;

    /** Secrets from each layer: config file, environment and flags. */
    RawConfig resolvedWithSecrets() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                kafka:
                  sasl.jaas.config: 'PlainLoginModule required username="u" password="JAAS-VALUE-3";'
                  ssl.truststore.password: TRUSTSTORE-VALUE-5
                """);
        return ConfigResolver.resolve(RawConfig.empty(), file,
                Map.of("SGDSCOPE_KAFKA_SSL_KEY_PASSWORD", "KEY-PASSWORD-VALUE-2"),
                Map.of("kafka.bootstrap.servers", "broker:9093", "kafka.security.protocol", "SASL_SSL",
                        "kafka.ssl.keystore.key", "PEM-KEY-VALUE-1", "kafka.basic.auth.user.info", "u:USER-INFO-VALUE-4"));
    }

    @Test
    void provenanceNamesEverySettingButMasksSecretValues() throws IOException {
        Map<String, String> provenance = Provenance.of(resolvedWithSecrets());
        assertThat(provenance).containsKeys("config.kafka.sasl.jaas.config", "config.kafka.ssl.key.password",
                "config.kafka.ssl.keystore.key", "config.kafka.basic.auth.user.info",
                "config.kafka.ssl.truststore.password");
        assertThat(provenance.get("config.kafka.security.protocol")).startsWith("SASL_SSL");
        assertThat(provenance.get("config.kafka.ssl.keystore.key")).startsWith(Secret.MASK);
        assertNoSecretValueIn(provenance.toString());
    }

    @Test
    void aCheckpointWrittenWithTheRunsProvenanceHoldsNoSecretValue() throws IOException {
        Path manifest = writeCheckpoint(Provenance.of(resolvedWithSecrets())).resolve("manifest.json");
        assertThat(Files.readString(manifest)).contains("config.kafka.sasl.jaas.config", "SASL_SSL");
        assertNoSecretValueInFilesUnder(dir.resolve("checkpoints"));
    }

    @Test
    void aCheckpointMasksSecretsWhateverProvenanceItIsGiven() throws IOException {
        Map<String, String> unmasked = new TreeMap<>();
        resolvedWithSecrets().entries().forEach((k, v) -> unmasked.put("config." + k, v.value()));
        Path manifest = writeCheckpoint(unmasked).resolve("manifest.json");
        assertThat(Files.readString(manifest)).contains("config.kafka.ssl.keystore.key", "SASL_SSL");
        assertNoSecretValueInFilesUnder(dir.resolve("checkpoints"));
    }

    @Test
    void noSgdscopeSettingIsTakenForASecret() {
        assertThat(ConfigResolver.KNOWN_KEYS).isNotEmpty().noneMatch(SecretKeys::isSecret);
    }

    private Path writeCheckpoint(Map<String, String> provenance) {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 2, new Dl4jBackend().fileFormat(),
                variant -> SPEC);
        return store.write(new PartitionCheckpoint("samples.clean", 0, 42, provenance, List.of(
                new PartitionCheckpoint.ModelState("teacher", "sgd", SPEC.initialParams(1), new byte[] {1, 2}))));
    }

    private static void assertNoSecretValueInFilesUnder(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path f : files) {
            // ISO-8859-1 maps every byte to one char, so binary files are searched byte for byte
            assertNoSecretValueIn(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertNoSecretValueIn(String text) {
        for (String value : SECRET_VALUES) {
            assertThat(text).doesNotContain(value);
        }
    }
}

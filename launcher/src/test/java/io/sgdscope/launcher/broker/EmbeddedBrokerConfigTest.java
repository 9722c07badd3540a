package io.sgdscope.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedBrokerConfigTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 70000})
    void rejectsPortOutsideValidRange(int port) {
        assertThatThrownBy(() -> new EmbeddedBrokerConfig(port, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker.port must be between 0 and 65535, got " + port);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9092, 65535})
    void acceptsPortInsideValidRange(int port) {
        assertThat(new EmbeddedBrokerConfig(port, null, Map.of()).port()).isEqualTo(port);
    }

    @Test
    void defaultsPickAFreePortAndATemporaryDataDir() {
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults();

        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isNull();
        assertThat(config.overrides()).isEmpty();
    }

    @Test
    void nullOverridesBecomeEmpty() {
        assertThat(new EmbeddedBrokerConfig(0, null, null).overrides()).isEmpty();
    }

    @Test
    void overridesAreCopiedAndImmutable() {
        Map<String, String> source = new HashMap<>(Map.of("log.retention.ms", "60000"));
        EmbeddedBrokerConfig config = new EmbeddedBrokerConfig(0, Path.of("data"), source);
        source.put("num.partitions", "8");

        assertThat(config.overrides()).containsExactly(Map.entry("log.retention.ms", "60000"));
        assertThatThrownBy(() -> config.overrides().put("num.partitions", "8"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsOverridesOfManagedKeys() {
        assertThatThrownBy(() -> new EmbeddedBrokerConfig(0, null, Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broker.overrides must not set 'listeners'");
    }

    @Test
    void rejectsNullOverrideValues() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("log.retention.ms", null);

        assertThatThrownBy(() -> new EmbeddedBrokerConfig(0, null, overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker.overrides value for 'log.retention.ms' must not be null");
    }

    @Test
    void withersKeepTheOtherFields() {
        EmbeddedBrokerConfig config = EmbeddedBrokerConfig.defaults()
                .withPort(9092)
                .withDataDir(Path.of("data"))
                .withOverrides(Map.of("num.partitions", "3"));

        assertThat(config).isEqualTo(new EmbeddedBrokerConfig(9092, Path.of("data"), Map.of("num.partitions", "3")));
    }
}

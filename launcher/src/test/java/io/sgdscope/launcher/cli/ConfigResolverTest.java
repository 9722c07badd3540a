package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.trainer.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir
    Path dir;

    @Test
    void scenarioIsTheLowestLayerAndFlagsTheHighest() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "producer:\n  rate: 100\n  seed: 5\n");
        RawConfig raw = ConfigResolver.resolve(Scenarios.load("default"), file,
                Map.of("SGDSCOPE_PRODUCER_SEED", "6", "SGDSCOPE_TRAINER_LEARNING_RATE", "0.5"),
                Map.of("producer.seed", "7"));
        ProduceConfig p = ProduceConfig.from(raw);
        assertThat(p.stream()).isEqualTo("teacher-linear"); // scenario
        assertThat(p.ratePerSecond()).isEqualTo(100);        // file over scenario
        assertThat(p.seed()).isEqualTo(7);                   // flag over env over file
        assertThat(TrainerConfig.from(raw).variantSpecs().get(0).optimizer().learningRate()).isEqualTo(0.5); // env over scenario
    }

    @Test
    void everyBuiltInScenarioLoadsAndValidates() {
        for (String name : Scenarios.BUILT_IN) {
            RawConfig raw = ConfigResolver.resolve(Scenarios.load(name), null, Map.of(), Map.of());
            assertThat(ProduceConfig.from(raw).dimension()).isPositive();
            assertThat(TrainerConfig.from(raw).variantSpecs().get(0).optimizer().learningRate()).isPositive();
        }
    }

    @Test
    void aMisspeltEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> ConfigResolver.resolve(RawConfig.empty(), null,
                Map.of("SGDSCOPE_TRAINER_LERNING_RATE", "0.1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("env SGDSCOPE_TRAINER_LERNING_RATE");
    }

    @Test
    void theLauncherScriptsOwnVariablesAreNotConfigKeys() {
        RawConfig raw = ConfigResolver.resolve(RawConfig.empty(), null,
                Map.of("SGDSCOPE_JAVA_OPTS", "-Xmx4g", "SGDSCOPE_JAVACPP_CACHE", "/tmp/x", "PATH", "/bin"), Map.of());
        assertThat(raw.contains("java.opts")).isFalse();
    }
}

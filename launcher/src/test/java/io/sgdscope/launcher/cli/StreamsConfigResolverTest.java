package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.streams.StreamSchema;
import io.sgdscope.streams.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streams app's keys through the full resolver: nested per-stream YAML, env, unknown keys. */
class StreamsConfigResolverTest {

    @TempDir
    Path dir;

    @Test
    void perStreamSettingsComeFromNestedYaml() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                streams:
                  classes: 3
                  join: { window: 2h }
                  streams:
                    prices: { classes: regression, feature-dimension: 8 }
                """);
        StreamsAppConfig cfg = StreamsAppConfig.from(ConfigResolver.resolve(RawConfig.empty(), file,
                Map.of("SGDSCOPE_STREAMS_STANDARDIZE", "true"), Map.of()));
        assertThat(cfg.schemaFor("prices")).isEqualTo(new StreamSchema(8, StreamSchema.LabelTask.REGRESSION));
        assertThat(cfg.schemaFor("clicks").task()).isEqualTo(StreamSchema.LabelTask.classes(3));
        assertThat(cfg.joinWindow()).hasHours(2);
        assertThat(cfg.standardize()).isTrue();
    }

    @Test
    void aMisspeltStreamsKeyIsNamedWithItsOrigin() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "streams:\n  join:\n    windw: 5m\n");
        assertThatThrownBy(() -> ConfigResolver.resolve(RawConfig.empty(), file, Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.join.windw"));
    }
}

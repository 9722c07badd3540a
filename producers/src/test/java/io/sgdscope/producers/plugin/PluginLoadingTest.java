package io.sgdscope.producers.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.scenario.ScenarioSpec;
import io.sgdscope.producers.source.SourceProviders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plug-in registered only on the test class path is found by ServiceLoader and runs under a scenario. */
class PluginLoadingTest {

    private static RawConfig yaml(String text) {
        return RawConfig.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "plugin.yaml");
    }

    @Test
    void thePluginIsDiscoveredNextToTheBuiltIns() {
        assertThat(SourceProviders.onClassPath().names()).contains("example-constant", "teacher-linear", "idx");
        assertThat(SourceProviders.onClassPath().find("example-constant")).isInstanceOf(ExampleConstantSource.Provider.class);
    }

    @Test
    void aScenarioRunsThePluginWithShiftsAndNoise() {
        List<DriftEvent> events = new ArrayList<>();
        try (ScenarioSource s = new ScenarioSource(ScenarioSpec.from(yaml("""
                source: { type: example-constant, dimension: 3, value: 2.5 }
                phases:
                  - start: 0
                  - start: 4
                    shift: { covariate: { mean: 1 }, concept: { value: -1 } }
                """)), SourceProviders.onClassPath(), "plug", 1, 64, () -> 0L, events::add)) {
            List<Sample> xs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                xs.add(s.next().orElseThrow());
            }
            assertThat(xs.get(0).features()).containsExactly(2.5f, 2.5f, 2.5f);
            assertThat(xs.get(4).features()).containsExactly(0f, 0f, 0f);
            assertThat(xs).extracting(x -> x.truth().phase()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
            assertThat(events).extracting(DriftEvent::sampleIndex).containsExactly(0L, 4L);
        }
    }

    @Test
    void unknownPluginKeysAreRejected() {
        assertThatThrownBy(() -> new ScenarioSource(ScenarioSpec.from(yaml("source: { type: example-constant, valeu: 1 }")),
                SourceProviders.onClassPath(), "plug", 1, 64, () -> 0L, e -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("source.valeu").hasMessageContaining("plugin.yaml:1");
    }
}

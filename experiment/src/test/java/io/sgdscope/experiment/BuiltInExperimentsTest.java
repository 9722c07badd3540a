package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Every built-in parses, is named after its file, cites its source and has a quick budget. */
class BuiltInExperimentsTest {

    @Test
    void everyBuiltInParsesUnderItsOwnName() {
        assertThat(BuiltInExperiments.names()).contains("example-learning-rate");
        for (String name : BuiltInExperiments.names()) {
            ExperimentSpec s = BuiltInExperiments.load(name);
            assertThat(s.name()).as("name in experiments/" + name + ".yaml").isEqualTo(name);
            assertThat(s.citation()).as(name).isNotBlank();
            assertThat(s.quick()).as(name + " quick budget").isNotNull();
            assertThat(s.expectations()).as(name).isNotEmpty();
        }
    }

    @Test
    void anUnknownNameListsTheBuiltIns() {
        assertThatThrownBy(() -> BuiltInExperiments.resolve("no-such")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown experiment 'no-such'").hasMessageContaining("example-learning-rate");
        assertThatThrownBy(() -> BuiltInExperiments.resolve("missing.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("file not found");
    }
}

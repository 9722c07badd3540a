package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** A bad scenario fails at once, naming the full key path and the file and line. */
class ScenarioErrorsTest {

    private static ConfigException fail(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> ScenarioFixture.open(yaml, 1, () -> 0L, new ArrayList<>()).close());
        assertThat(t).isInstanceOf(ConfigException.class);
        return (ConfigException) t;
    }

    @Test
    void unknownPhaseKeyIsNamedWithItsLine() {
        ConfigException e = fail("""
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 100
                    shfit: { prior: [0.5, 0.5] }
                """);
        assertThat(e.key()).isEqualTo("phases[1].shfit.prior[0]");
        assertThat(e.getMessage()).contains("unknown key", "test.yaml:5");
    }

    @Test
    void wrongTypeIsNamedWithItsLine() {
        ConfigException e = fail("""
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 100
                    transition: gradual
                    width: wide
                """);
        assertThat(e.key()).isEqualTo("phases[1].width");
        assertThat(e.getMessage()).contains("must be an integer", "'wide'", "test.yaml:6");
    }

    @Test
    void unknownTransitionListsTheChoices() {
        ConfigException e = fail("""
                phases:
                  - start: 0
                  - start: 100
                    transition: sudden
                """);
        assertThat(e.key()).isEqualTo("phases[1].transition");
        assertThat(e.getMessage()).contains("abrupt", "gradual", "incremental", "recurring", "test.yaml:4");
    }

    @Test
    void badStartIsExplained() {
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: soon
                """).getMessage()).contains("phases[1].start", "sample index", "30s", "test.yaml:3");
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: 500
                  - start: 400
                """).getMessage()).contains("phases[2].start", "after the previous phase's start 500");
        assertThat(fail("""
                phases:
                  - start: 10
                """).key()).isEqualTo("phases[0].start");
    }

    @Test
    void unknownSourceKeyNamesTheKnownOnes() {
        ConfigException e = fail("""
                source:
                  type: teacher-linear
                  dimensoin: 8
                """);
        assertThat(e.key()).isEqualTo("source.dimensoin");
        assertThat(e.getMessage()).contains("test.yaml:3", "known keys", "dimension", "margin");
    }

    @Test
    void unknownSourceTypeListsTheAvailableOnes() {
        ConfigException e = fail("source: { type: sine }");
        assertThat(e.key()).isEqualTo("source.type");
        assertThat(e.getMessage()).contains("'sine'", "teacher-linear", "sea", "idx", "csv");
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = fail("""
                source:
                  type: csv
                  path: /no/such/data.csv
                """);
        assertThat(e.key()).isEqualTo("source.path");
        assertThat(e.getMessage()).contains("file not found", "/no/such/data.csv", "test.yaml:3");
    }

    @Test
    void priorsMustFitTheSource() {
        assertThat(fail("""
                source: { type: gaussian-mixture, classes: 3 }
                phases:
                  - start: 0
                  - start: 10
                    shift: { prior: [0.5, 0.5] }
                """).getMessage()).contains("phases[1].shift.prior", "needs 3 class probabilities");
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: 10
                    shift: { prior: [0.5, 0.6] }
                """).getMessage()).contains("phases[1].shift.prior", "sum to 1");
    }

    @Test
    void noiseMustFitTheTask() {
        ConfigException e = fail("""
                source: { type: sparse-regression }
                phases:
                  - noise: { type: symmetric, rate: 0.1 }
                """);
        assertThat(e.key()).isEqualTo("phases[0].noise.type");
        assertThat(e.getMessage()).contains("classification", "regression");
        assertThat(fail("""
                source: { type: gaussian-mixture }
                phases:
                  - noise: { type: margin, band: 0.1 }
                """).getMessage()).contains("margin noise needs a source with a teacher");
        assertThat(fail("""
                phases:
                  - noise: { type: symmetric }
                """).key()).isEqualTo("phases[0].noise.rate");
        assertThat(fail("""
                phases:
                  - noise: { type: symmetric, rate: 1.5 }
                """).getMessage()).contains("phases[0].noise.rate", "between 0.0 and 1.0", "test.yaml:2");
    }

    @Test
    void transitionSettingsMustMatch() {
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: 10
                    transition: gradual
                """).key()).isEqualTo("phases[1].width");
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: 10
                    width: 100
                """).key()).isEqualTo("phases[1].width");
        assertThat(fail("""
                phases:
                  - start: 0
                  - start: 10
                    transition: recurring
                """).key()).isEqualTo("phases[1].period");
    }

    @Test
    void imageTransformsNeedAnImageSource() {
        assertThat(fail("""
                phases:
                  - shift: { covariate: { brightness: 0.2 } }
                """).getMessage()).contains("phases[0].shift.covariate", "image source");
    }

    @Test
    void conceptShiftOnAnUnknownParameterIsRejected() {
        ConfigException e = fail("""
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 10
                    shift: { concept: { fucntion: 2 } }
                """);
        assertThat(e.key()).isEqualTo("source.fucntion");
        assertThat(e.getMessage()).contains("phases[1].shift.concept.fucntion", "test.yaml:5");
    }

    @Test
    void badSourceValueNamesTheKey() {
        assertThatThrownBy(() -> ScenarioFixture.open("source: { type: sea, function: 9 }", 1, () -> 0L, new ArrayList<>()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("source.function")
                .hasMessageContaining("between 1 and 4").hasMessageContaining("test.yaml:1");
    }
}

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

    @Test
    void aLabelDelayWithoutKindIsNamed() {
        ConfigException e = fail("""
                labels:
                  delay: { samples: 20 }
                """);
        assertThat(e.key()).isEqualTo("labels.delay.kind");
        assertThat(e.getMessage()).contains("fixed", "uniform", "exponential");
    }

    @Test
    void aLabelDelayKeyOfAnotherKindIsNamedWithItsLine() {
        ConfigException e = fail("""
                phases:
                  - start: 0
                  - start: 100
                    labels:
                      delay: { kind: uniform, samples: 20 }
                """);
        assertThat(e.key()).isEqualTo("phases[1].labels.delay.samples");
        assertThat(e.getMessage()).contains("does not apply to a uniform delay", "test.yaml:5");
    }

    @Test
    void uniformBoundsMustShareAUnitAndBeOrdered() {
        ConfigException units = fail("""
                labels:
                  delay: { kind: uniform, min: 10, max: 2s }
                """);
        assertThat(units.key()).isEqualTo("labels.delay.max");
        assertThat(units.getMessage()).contains("unit of min", "test.yaml:2");
        ConfigException order = fail("""
                labels:
                  delay: { kind: uniform, min: 3s, max: 2s }
                """);
        assertThat(order.key()).isEqualTo("labels.delay.max");
    }

    @Test
    void aBadNeverShareOrAmountOrUnknownLabelsKeyIsNamed() {
        assertThat(fail("labels: { never: 1.5 }\n").key()).isEqualTo("labels.never");
        assertThat(fail("labels: { delay: { kind: fixed, samples: 5, share: 2 } }\n").key()).isEqualTo("labels.delay.share");
        assertThat(fail("labels: { delay: { kind: none, share: 0.5 } }\n").key()).isEqualTo("labels.delay.share");
        assertThat(fail("labels: { delay: { kind: exponential, mean: soon } }\n").key()).isEqualTo("labels.delay.mean");
        assertThat(fail("labels: { delay: { kind: fixed } }\n").key()).isEqualTo("labels.delay.samples");
        ConfigException unknown = fail("labels: { delya: { kind: fixed, samples: 2 } }\n");
        assertThat(unknown.key()).isEqualTo("labels.delya.kind");
        assertThat(unknown.getMessage()).contains("unknown key", "test.yaml:1");
        assertThat(fail("phases:\n  - start: 0\n    labels: 5\n").key()).isEqualTo("phases[0].labels");
    }
}

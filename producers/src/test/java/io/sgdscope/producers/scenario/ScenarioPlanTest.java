package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.SourceProviders;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The checks that need the source happen when the plan is opened, and name the key. */
class ScenarioPlanTest {

    private static ScenarioPlan open(String yaml) {
        return ScenarioPlan.open(ScenarioSpec.from(ScenarioFixture.yaml(yaml)), SourceProviders.onClassPath(), "s", 1, 8,
                () -> 0L, new Gaussian(new SplittableRandom(1)));
    }

    private static ConfigException fail(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> open(yaml).close());
    }

    @Test
    void phasesInheritWhatTheyDoNotChange() {
        try (ScenarioPlan plan = open("""
                source: { type: gaussian-mixture, classes: 2 }
                phases:
                  - noise: { type: symmetric, rate: 0.1 }
                  - start: 10
                    shift: { prior: [0.2, 0.8] }
                  - start: 20
                    shift: { covariate: { scale: 2 } }
                  - start: 30
                    shift: { concept: { separation: 4 } }
                """)) {
            assertThat(plan.specs()).hasSize(4);
            assertThat(plan.phase(0).cumulativePriors()).isNull();
            assertThat(plan.phase(1).priors()).containsExactly(0.2, 0.8);
            assertThat(plan.phase(3).priors()).containsExactly(0.2, 0.8);
            assertThat(plan.phase(1).transform().isIdentity()).isTrue();
            assertThat(plan.phase(3).transform().scale()).isEqualTo(2);
            assertThat(plan.phase(2).source()).isSameAs(plan.phase(0).source());
            assertThat(plan.phase(3).source()).isNotSameAs(plan.phase(0).source());
            assertThat(plan.phase(3).noise()).usingRecursiveComparison().isEqualTo(plan.phase(0).noise());
            assertThat(plan.frame().imageRows()).isZero();
        }
    }

    @Test
    void aConceptShiftThatChangesTheShapeNamesTheShift() {
        ConfigException e = fail("""
                source: { type: gaussian-mixture, classes: 3 }
                phases:
                  - start: 0
                  - start: 10
                    shift: { concept: { classes: 4 } }
                """);
        assertThat(e.key()).isEqualTo("phases[1].shift");
        assertThat(e.getMessage()).contains("keep the source's shape", "3 classes", "4 classes");
    }

    @Test
    void aPriorShiftNeedsOneProbabilityPerClassOfAClassificationSource() {
        assertThat(fail("""
                source: { type: sparse-regression }
                phases:
                  - start: 0
                  - start: 10
                    shift: { prior: [0.5, 0.5] }
                """).key()).isEqualTo("phases[1].shift.prior");
        ConfigException e = fail("""
                source: { type: gaussian-mixture, classes: 3 }
                phases:
                  - start: 0
                  - start: 10
                    shift: { prior: [0.25, 0.75] }
                """);
        assertThat(e.key()).isEqualTo("phases[1].shift.prior");
        assertThat(e.getMessage()).contains("needs 3 class probabilities, got 2");
    }

    @Test
    void aRotationNeedsTwoFeatures() {
        ConfigException e = fail("""
                source: { type: teacher-linear, dimension: 1 }
                phases:
                  - start: 0
                  - start: 10
                    shift: { covariate: { rotation: 30 } }
                """);
        assertThat(e.key()).isEqualTo("phases[1].shift.covariate.rotation");
    }
}

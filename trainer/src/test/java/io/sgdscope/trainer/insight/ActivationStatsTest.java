package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationStatsTest {

    @Test
    void deadUnitsAndSparsityInClosedForm() {
        // 3 rows x 4 units: unit 0 fires once, unit 1 never (0 and negative), unit 2 always,
        // unit 3 never (all 0); inactive entries 2 + 3 + 0 + 3 = 8 of 12
        float[] a = {
            0.5f, 0f, 1f, 0f,
            0f, -2f, 3f, 0f,
            0f, 0f, 0.1f, 0f,
        };
        ActivationStats s = ActivationStats.of(a, 3, 4);
        assertThat(s.deadUnits()).isEqualTo(2);
        assertThat(s.deadUnitsRatio()).isEqualTo(0.5);
        assertThat(s.inactiveEntries()).isEqualTo(8);
        assertThat(s.activationSparsity()).isEqualTo(8 / 12.0);
        // the first row alone: units 1 and 3 dead, 2 of 4 inactive
        ActivationStats first = ActivationStats.of(a, 1, 4);
        assertThat(first.deadUnitsRatio()).isEqualTo(0.5);
        assertThat(first.activationSparsity()).isEqualTo(0.5);
    }

    @Test
    void emptyWindowAndBadInput() {
        ActivationStats none = ActivationStats.of(new float[0], 0, 5);
        assertThat(none.deadUnitsRatio()).isEqualTo(1.0);
        assertThat(none.activationSparsity()).isNaN();
        float[] inf = {1, Float.POSITIVE_INFINITY};
        assertThatThrownBy(() -> ActivationStats.of(inf, 1, 2)).hasMessageContaining("rowMajor[1]");
        float[] nan = {Float.NaN, 1};
        assertThatThrownBy(() -> ActivationStats.of(nan, 1, 2)).hasMessageContaining("rowMajor[0]");
        assertThatThrownBy(() -> ActivationStats.of(new float[3], 2, 2)).hasMessageContaining("2 x 2");
    }
}

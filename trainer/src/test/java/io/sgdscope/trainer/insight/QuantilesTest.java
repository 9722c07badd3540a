package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void linearInterpolationBetweenOrderStatistics() {
        // sorted: -1, 0, 2, 3, 10 (n = 5, h = 4q); the 99 past n is not read
        double[] v = {3, -1, 10, 0, 2, 99};
        double[] copy = v.clone();
        Quantiles q = Quantiles.of(v, 5);
        assertThat(v).isEqualTo(copy);
        assertThat(q.count()).isEqualTo(5);
        assertThat(q.min()).isEqualTo(-1);
        assertThat(q.max()).isEqualTo(10);
        assertThat(q.at(0)).isEqualTo(-1);
        assertThat(q.at(0.5)).isEqualTo(2);
        assertThat(q.at(1)).isEqualTo(10);
        assertThat(q.at(0.05)).isCloseTo(-1 + 0.2 * 1, within(1e-12));  // h = 0.2
        assertThat(q.at(0.9)).isCloseTo(3 + 0.6 * 7, within(1e-12));    // h = 3.6
        assertThat(q.fractionBelow(0)).isEqualTo(0.2);   // strictly below: only -1
        assertThat(q.fractionBelow(0.5)).isEqualTo(0.4);
        assertThat(q.fractionBelow(-5)).isZero();
        assertThat(q.fractionBelow(11)).isEqualTo(1);
    }

    @Test
    void singleValueAndEmpty() {
        Quantiles one = Quantiles.of(new double[] {4}, 1);
        assertThat(one.at(0.05)).isEqualTo(4);
        assertThat(one.at(0.5)).isEqualTo(4);
        Quantiles none = Quantiles.of(new double[3], 0);
        assertThat(none.min()).isNaN();
        assertThat(none.at(0.5)).isNaN();
        assertThat(none.fractionBelow(0)).isNaN();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> Quantiles.of(new double[2], 3)).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> Quantiles.of(new double[] {1, Double.NaN}, 2)).hasMessageContaining("values[1]");
        assertThatThrownBy(() -> Quantiles.of(new double[] {1}, 1).at(1.5)).hasMessageContaining("q");
    }
}

package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SparsityTest {

    @Test
    void hoyerOfAOneHotVectorIsOne() {
        for (int n : new int[] {2, 3, 100}) {
            float[] a = new float[n];
            a[n / 2] = -4.5f;
            assertThat(Sparsity.hoyer(a, 0, n)).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void hoyerOfAConstantMagnitudeVectorIsZero() {
        float[] a = {2, -2, 2, 2, -2, 2, 2};
        assertThat(Sparsity.hoyer(a, 0, a.length)).isCloseTo(0, within(1e-12));
    }

    @Test
    void hoyerOfAKnownVector() {
        // w = (3, 4, 0, 0): ‖w‖₁ = 7, ‖w‖₂ = 5, √n = 2: (2 - 1.4) / 1 = 0.6
        float[] a = {9, 3, 4, 0, 0, 9};
        assertThat(Sparsity.hoyer(a, 1, 5)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void hoyerIsNaNForTooFewOrZeroValues() {
        assertThat(Sparsity.hoyer(new float[] {5}, 0, 1)).isNaN();
        assertThat(Sparsity.hoyer(new float[4], 0, 4)).isNaN();
        assertThat(Sparsity.hoyer(new float[4], 2, 2)).isNaN();
    }

    @Test
    void nearZeroFractionCountsValuesBelowEpsTimesTheMax() {
        // max |w| = 10, eps 0.1: below 1 are 0.5, -0.99, 0 (not 1, not -1.5)
        float[] a = {100, 10, 0.5f, -0.99f, 0, 1, -1.5f, 100};
        assertThat(Sparsity.nearZeroFraction(a, 1, 7, 0.1)).isCloseTo(3 / 6.0, within(1e-15));
        assertThat(Sparsity.nearZeroFraction(a, 1, 7, 0)).isZero();
        assertThat(Sparsity.nearZeroFraction(a, 1, 7, 1)).isCloseTo(5 / 6.0, within(1e-15));
        assertThat(Sparsity.nearZeroFraction(new float[3], 0, 3, 0.1)).isEqualTo(1);
        assertThat(Sparsity.nearZeroFraction(a, 3, 3, 0.1)).isNaN();
    }

    @Test
    void badInputIsRefused() {
        float[] a = {1, Float.NaN, 2};
        assertThatThrownBy(() -> Sparsity.hoyer(a, 0, 3)).hasMessageContaining("a[1]");
        assertThatThrownBy(() -> Sparsity.nearZeroFraction(a, 0, 3, 0.1)).hasMessageContaining("a[1]");
        assertThatThrownBy(() -> Sparsity.hoyer(a, 2, 4)).hasMessageContaining("[2, 4)");
        assertThatThrownBy(() -> Sparsity.nearZeroFraction(new float[2], 0, 2, 1.5)).hasMessageContaining("eps");
    }

    @Property(tries = 200)
    void sparsityStaysInTheUnitInterval(@ForAll @Size(min = 2, max = 50) float @FloatRange(min = -1e3f, max = 1e3f) [] a) {
        double h = Sparsity.hoyer(a, 0, a.length);
        if (!Double.isNaN(h)) {
            assertThat(h).isBetween(0.0, 1.0);
        }
        assertThat(Sparsity.nearZeroFraction(a, 0, a.length, 0.01)).isBetween(0.0, 1.0);
    }
}

package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SupportRecoveryTest {

    @Test
    void precisionAndRecallAgainstTheTrueSupport() {
        // threshold 0.1 of max 2: support = {0, 1, 3, 5} (|β| > 0.2); true support {0, 1, 2}
        float[] beta = {2, -1, 0.1f, 0.5f, 0.15f, -0.3f};
        float[] star = {1, -1, 1, 0, 0, 0};
        SupportRecovery s = SupportRecovery.of(beta, star, 0.1);
        assertThat(s.l1Norm()).isCloseTo(4.05, within(1e-6));
        assertThat(s.supportSize()).isEqualTo(4);
        assertThat(s.precision()).isEqualTo(2 / 4.0);
        assertThat(s.recall()).isEqualTo(2 / 3.0);
    }

    @Test
    void withoutBetaStarOnlyNormAndSupport() {
        SupportRecovery s = SupportRecovery.of(new float[] {0, 3, -1}, null, 0);
        assertThat(s.supportSize()).isEqualTo(2);
        assertThat(s.l1Norm()).isEqualTo(4);
        assertThat(s.precision()).isNaN();
        assertThat(s.recall()).isNaN();
    }

    @Test
    void emptySupports() {
        SupportRecovery zero = SupportRecovery.of(new float[3], new float[] {0, 1, 0}, 0.1);
        assertThat(zero.supportSize()).isZero();
        assertThat(zero.precision()).isNaN();
        assertThat(zero.recall()).isZero();
        SupportRecovery noTruth = SupportRecovery.of(new float[] {1, 0, 0}, new float[3], 0.1);
        assertThat(noTruth.precision()).isZero();
        assertThat(noTruth.recall()).isNaN();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> SupportRecovery.of(new float[2], new float[3], 0.1)).hasMessageContaining("betaStar 3");
        assertThatThrownBy(() -> SupportRecovery.of(new float[2], null, 1)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> SupportRecovery.of(new float[] {Float.NaN}, null, 0)).hasMessageContaining("beta[0]");
    }
}

package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PageHinkleyTest extends DriftDetectorContract {

    @Override
    DriftDetector create() {
        return new PageHinkley();
    }

    @Override
    DriftDetector createOther() {
        return new PageHinkley(0.01, 50, 1, 30);
    }

    @Test
    void detectsARiseOfTheErrorRateFrom01To04Within500Samples() {
        assertDetectsRiseWithin(PageHinkley::new, 1000, 20_000, 500);
    }

    @Test
    void atMostOneFalseAlarmOn100kStationarySamples() {
        assertThat(falseAlarms(PageHinkley::new, 5)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
    }

    @Test
    void theStatisticFollowsItsDefinitionByHand() {
        // δ = 0, α = 1: PH_T = max(0, PH_{T-1} + x_T - x̄_T)
        PageHinkley ph = new PageHinkley(0, 0.7, 1, 1);
        assertThat(ph.update(0)).isFalse();  // x̄ = 0, PH = 0
        assertThat(ph.update(0)).isFalse();
        assertThat(ph.update(0)).isFalse();
        assertThat(ph.update(1)).isTrue();   // x̄ = 1/4, PH = 3/4 > 0.7
        assertThat(ph.count()).isZero();
        assertThat(ph.statistic()).isZero();

        PageHinkley higher = new PageHinkley(0, 0.8, 1, 1);
        for (double x : new double[] {0, 0, 0, 1}) {
            assertThat(higher.update(x)).isFalse();
        }
        assertThat(higher.statistic()).isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void forgettingFadesTheAccumulatedDeviation() {
        PageHinkley fading = new PageHinkley(0, 10, 0.5, 1);
        PageHinkley plain = new PageHinkley(0, 10, 1, 1);
        for (double x : new double[] {0, 1, 1}) {
            fading.update(x);
            plain.update(x);
        }
        // x̄ = 0, 1/2, 2/3: PH = 0, 1/2, then 1/2·α + 1/3
        assertThat(fading.statistic()).isCloseTo(0.25 + 1.0 / 3, offset(1e-12));
        assertThat(plain.statistic()).isCloseTo(0.5 + 1.0 / 3, offset(1e-12));
    }

    @Test
    void deltaIsSubtractedFromEachDeviation() {
        PageHinkley ph = new PageHinkley(0.1, 10, 1, 1);
        ph.update(0);
        ph.update(1); // x̄ = 1/2: PH = max(0, 0 + 0 - 0.1) = 0, then 0 + 1 - 0.5 - 0.1
        assertThat(ph.statistic()).isCloseTo(0.4, offset(1e-12));
    }

    @Test
    void aFallOfTheMeanIsNotADrift() {
        PageHinkley ph = new PageHinkley(0, 0.5, 1, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(ph.update(i < 500 ? 1 : 0)).isFalse();
        }
        assertThat(ph.statistic()).isZero();
    }

    @Test
    void noDriftBeforeMinInstances() {
        PageHinkley ph = new PageHinkley(0, 0.7, 1, 5);
        for (double x : new double[] {0, 0, 0, 1}) {
            assertThat(ph.update(x)).isFalse();
        }
        assertThat(ph.update(1)).isTrue(); // the fifth observation, PH = 3/4 + 1 - 2/5
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new PageHinkley(-1, 50, 1, 30)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new PageHinkley(0.005, 0, 1, 30)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> new PageHinkley(0.005, 50, 0, 30)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new PageHinkley(0.005, 50, 1.5, 30)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new PageHinkley(0.005, 50, 1, 0)).hasMessageContaining("minInstances");
    }
}

package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdmTest extends DriftDetectorContract {

    @Override
    DriftDetector create() {
        return new Ddm();
    }

    @Override
    DriftDetector createOther() {
        return new Ddm(2, 4, 30);
    }

    /**
     * DDM compares with the best (p + s) seen since its last reset, so after a long stationary run
     * it reacts slowly, and a lucky early minimum can make it miss a rise: the abrupt-change bound
     * holds for a change after 1,000 to 2,000 samples.
     */
    @Test
    void detectsARiseOfTheErrorRateFrom01To04Within500SamplesAfterAShortStationaryRun() {
        assertDetectsRiseWithin(Ddm::new, 1000, 2000, 500);
    }

    /**
     * DDM's false alarms on a stationary stream: it does not keep to one per 100,000 samples on
     * every seed (the paper's 30-sample minimum lets an early, noisy p + s become the reference),
     * but on average over 20 seeds it does.
     */
    @Test
    void onAverageAtMostOneFalseAlarmPer100kStationarySamples() {
        List<Integer> alarms = falseAlarms(Ddm::new, 20);
        assertThat(alarms.stream().mapToInt(Integer::intValue).sum()).as("false alarms per seed %s", alarms)
                .isLessThanOrEqualTo(20);
    }

    @Test
    void pinnedDetectionAndWarningsOnAPeriodicStreamThatTurnsToErrors() {
        // twenty periods of one error in ten (p = 0.1), then only errors: computed from the paper's formulas
        double[] xs = new double[240];
        for (int i = 0; i < 200; i += 10) {
            xs[i] = 1;
        }
        java.util.Arrays.fill(xs, 200, 240, 1);
        Ddm ddm = new Ddm();
        List<Integer> warnings = new ArrayList<>();
        List<Integer> drifts = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (ddm.update(xs[i])) {
                drifts.add(i);
            }
            if (ddm.inWarning()) {
                warnings.add(i);
            }
        }
        assertThat(drifts).containsExactly(209);
        assertThat(warnings).containsExactly(204, 205, 206, 207, 208);
    }

    @Test
    void aFirstErrorAfterAnErrorFreeStartIsNotADrift() {
        Ddm ddm = new Ddm();
        double[] xs = new double[61];
        xs[30] = 1;
        assertThat(ErrorStreams.detections(ddm, xs)).isEmpty();
        assertThat(ddm.errorRate()).isCloseTo(1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void onlyZeroOneErrorsAreAccepted() {
        Ddm ddm = new Ddm();
        assertThatThrownBy(() -> ddm.update(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ddm").hasMessageContaining("0.5");
        assertThatThrownBy(() -> ddm.update(2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ddm.errorRate()).isNaN();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Ddm(0, 3, 30)).hasMessageContaining("warning");
        assertThatThrownBy(() -> new Ddm(2, 2, 30)).hasMessageContaining("drift");
        assertThatThrownBy(() -> new Ddm(2, 3, 0)).hasMessageContaining("minInstances");
    }
}

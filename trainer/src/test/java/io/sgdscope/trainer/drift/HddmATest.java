package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HddmATest extends DriftDetectorContract {

    @Override
    DriftDetector create() {
        return new HddmA();
    }

    @Override
    DriftDetector createOther() {
        return new HddmA(0.0001, 0.005, true);
    }

    /**
     * River's documented example (its HDDM_A docstring): 1,000 fair bits, then 1,000 with P(1) = 0.7,
     * drawn with Python's {@code random.Random(42)}; the stream is in the test resources, written by
     * {@code make_reference_streams.py}. River prints "Warning detected at index 451" and "Change
     * detected at index 1206".
     */
    @Test
    void reproducesRiversDocumentedExample() throws IOException {
        double[] bits = bits(reference("hddm_a_river_example.txt").get(0));
        assertThat(bits).hasSize(2000);
        HddmA detector = new HddmA();
        List<Integer> drifts = new ArrayList<>();
        int firstWarning = -1;
        for (int i = 0; i < bits.length; i++) {
            if (detector.update(bits[i])) {
                drifts.add(i);
            }
            if (detector.inWarning() && firstWarning < 0) {
                firstWarning = i;
            }
        }
        assertThat(firstWarning).isEqualTo(451);
        assertThat(drifts).startsWith(1206);
    }

    /** The paper's guarantee: a rise of the error rate is found quickly once the bound has narrowed. */
    @Test
    void detectsARiseOfTheErrorRateFrom01To04Within300Samples() {
        assertDetectsRiseWithin(HddmA::new, 1000, 2000, 300);
    }

    /** Hoeffding's bound at δ = 0.001 per test keeps false alarms rare on a stationary stream. */
    @Test
    void onAverageAtMostOneFalseAlarmPer100kStationarySamples() {
        List<Integer> alarms = falseAlarms(HddmA::new, 20);
        assertThat(alarms.stream().mapToInt(Integer::intValue).sum()).as("false alarms per seed %s", alarms)
                .isLessThanOrEqualTo(20);
    }

    @Test
    void theOneSidedTestIgnoresAFallOfTheErrorRateAndTheTwoSidedOneFindsIt() {
        double[] falling = ErrorStreams.abrupt(3, 4000, 2000, 0.3, 0.02);
        assertThat(java.util.Arrays.stream(ErrorStreams.detections(new HddmA(), falling)).filter(i -> i >= 2000))
                .as("one-sided detections after the fall").isEmpty();
        int[] after = java.util.Arrays.stream(ErrorStreams.detections(new HddmA(0.001, 0.005, true), falling))
                .filter(i -> i >= 2000).toArray();
        assertThat(after).as("two-sided detections after the fall").isNotEmpty();
        assertThat(after[0]).isBetween(2000, 2400);
    }

    @Test
    void onlyZeroOneErrorsAreAccepted() {
        HddmA d = new HddmA();
        assertThatThrownBy(() -> d.update(0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hddm-a");
    }

    @Test
    void confidencesAreValidated() {
        assertThatThrownBy(() -> new HddmA(0, 0.005, false)).hasMessageContaining("drift confidence");
        assertThatThrownBy(() -> new HddmA(0.01, 0.005, false)).hasMessageContaining("warning confidence");
    }

    static List<String> reference(String name) throws IOException {
        try (InputStream in = HddmATest.class.getResourceAsStream("/drift/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }

    static double[] bits(String digits) {
        double[] xs = new double[digits.length()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = digits.charAt(i) - '0';
        }
        return xs;
    }
}

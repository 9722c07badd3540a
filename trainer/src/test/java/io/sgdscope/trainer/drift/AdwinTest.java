package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdwinTest extends DriftDetectorContract {

    @Override
    DriftDetector create() {
        return new Adwin();
    }

    @Override
    DriftDetector createOther() {
        return new Adwin(0.01);
    }

    @Test
    void detectsARiseOfTheErrorRateFrom01To04Within500Samples() {
        assertDetectsRiseWithin(Adwin::new, 1000, 20_000, 500);
    }

    @Test
    void atMostOneFalseAlarmOn100kStationarySamples() {
        assertThat(falseAlarms(Adwin::new, 5)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
    }

    @Test
    void aStepIsCutAtTheFirstClockTicksAfterIt() {
        Adwin adwin = new Adwin();
        double[] xs = new double[3000];
        java.util.Arrays.fill(xs, 1000, xs.length, 1.0);
        // the first check after the step is the 1,024th update (clock 32): index 1023, 24 ones in;
        // the cut sheds the old buckets while its bound allows, the rest at the next check (pinned)
        assertThat(ErrorStreams.detections(adwin, xs)).containsExactly(1023, 1055);
        assertThat(adwin.width()).isBetween(1945L, 2000L + 64);
        assertThat(adwin.mean()).isGreaterThan(0.97);
    }

    @Test
    void aConstantStreamIsNeverCutAndItsHistogramStaysLogarithmic() {
        Adwin adwin = new Adwin();
        int n = 1 << 16;
        for (int i = 0; i < n; i++) {
            assertThat(adwin.update(0.3)).isFalse();
        }
        assertThat(adwin.width()).isEqualTo(n);
        assertThat(adwin.mean()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(adwin.variance()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        // at most maxBuckets buckets of each size 2^0 .. 2^16
        assertThat(adwin.buckets()).isLessThanOrEqualTo(Adwin.DEFAULT_MAX_BUCKETS * 17);
    }

    @Test
    void windowMeanAndVarianceMatchADirectComputationOverTheKeptObservations() {
        double[] xs = changingStream(21);
        Adwin adwin = new Adwin();
        for (int i = 0; i < xs.length; i++) {
            adwin.update(xs[i]);
            if (i % 1000 == 999 || i == xs.length - 1) {
                int w = (int) adwin.width();
                double sum = 0;
                for (int k = i - w + 1; k <= i; k++) {
                    sum += xs[k];
                }
                double mean = sum / w;
                double ss = 0;
                for (int k = i - w + 1; k <= i; k++) {
                    ss += (xs[k] - mean) * (xs[k] - mean);
                }
                assertThat(adwin.mean()).as("mean at %d", i).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(adwin.variance()).as("variance at %d", i)
                        .isCloseTo(ss / w, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void aFallOfTheErrorRateIsDetectedToo() {
        double[] xs = ErrorStreams.abrupt(4, 12_000, 10_000, 0.4, 0.1);
        assertThat(java.util.Arrays.stream(ErrorStreams.detections(new Adwin(), xs))
                .filter(i -> i >= 10_000 && i < 10_500).count()).isPositive();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Adwin(0)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new Adwin(1)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new Adwin(0.002, 1, 32, 5)).hasMessageContaining("maxBuckets");
        assertThatThrownBy(() -> new Adwin(0.002, 5, 0, 5)).hasMessageContaining("clock");
        assertThatThrownBy(() -> new Adwin(0.002, 5, 32, 0)).hasMessageContaining("minSubWindow");
    }

    /** Errors at rate {@code before} then {@code after} from index 5000; the first detection index at or after it, or -1. */
    private static long firstDetection(Adwin a, double before, double after, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long found = -1;
        for (int i = 0; i < 10_000; i++) {
            boolean d = a.update(rnd.nextDouble() < (i < 5000 ? before : after) ? 1 : 0);
            if (d && i >= 5000 && found < 0) {
                found = i;
            }
        }
        return found;
    }

    @Test
    void risesOnlySignalsAnErrorRiseButNotAFallWhileTheWindowAdaptsToBoth() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(firstDetection(new Adwin(0.002), 0.4, 0.1, seed)).as("textbook ADWIN signals a fall").isPositive();
            Adwin learning = new Adwin(0.002, true);
            assertThat(firstDetection(learning, 0.4, 0.1, seed)).as("a falling error is the model learning").isEqualTo(-1);
            assertThat(learning.mean()).as("but the window dropped the old errors").isLessThan(0.2);
            assertThat(firstDetection(new Adwin(0.002, true), 0.1, 0.4, seed)).isBetween(5000L, 5500L);
        }
    }
}

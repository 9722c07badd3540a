package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static DriftEvent shift(long at) {
        return new DriftEvent("s", at, 0, DriftEvent.Kind.CONCEPT, 1, DriftEvent.Transition.ABRUPT, at, at, null);
    }

    /** A clock that reads 1000 + the index of the sample being observed. */
    private final AtomicLong clock = new AtomicLong();

    private DriftMonitor monitor(List<DriftDetector> detectors) {
        return new DriftMonitor(detectors, 2000, clock::get);
    }

    /** A classifier's outcome with the given 0/1 error; the monitor reads only the error. */
    private static PrequentialOutcome error(int error) {
        return new PrequentialOutcome(Prediction.ofProbabilities(0.5, 0.5), Math.log(2), error, LearnOutcome.BUFFERED);
    }

    /** Errors at rate 0.05 before {@code change} and 0.5 after, for indices [from, to). */
    private void feed(DriftMonitor m, SplittableRandom rnd, long from, long to, long change) {
        for (long i = from; i < to; i++) {
            clock.set(1000 + i);
            m.observe(error(rnd.nextDouble() < (i < change ? 0.05 : 0.5) ? 1 : 0), i);
        }
    }

    @Test
    void aWatchedShiftIsDetectedAndScoredWithItsDelay() {
        DriftMonitor m = monitor(DriftSettings.defaults().create(true));
        m.onTruth(shift(5000));
        feed(m, new SplittableRandom(1), 0, 10_000, 5000);
        List<DriftMonitor.DetectorState> states = m.snapshot();
        assertThat(states).extracting(DriftMonitor.DetectorState::detector).containsExactly("adwin", "page-hinkley", "ddm", "hddm-a");
        assertThat(m.watching()).isTrue();
        assertThat(monitor(List.of()).watching()).isFalse();
        DriftMonitor.DetectorState adwin = states.get(0);
        assertThat(adwin.trueDetections()).isEqualTo(1);
        assertThat(adwin.missed()).isZero();
        assertThat(adwin.lastDelay()).isBetween(0.0, 500.0);
        assertThat(adwin.lastDetectionTimeMs()).isEqualTo(1000 + adwin.lastDetectionIndex());
    }

    @Test
    void shiftsBeforeTheFirstWatchedSampleAreNeitherFoundNorMissed() {
        // a trainer restarting at index 20,000 reads the whole truth topic again
        DriftMonitor m = monitor(DriftSettings.defaults().create(true));
        m.onTruth(shift(5000));
        m.onTruth(shift(12_000));
        feed(m, new SplittableRandom(2), 20_000, 24_000, 30_000);
        m.onTruth(shift(9000));    // late truth about the past is also not ours
        feed(m, new SplittableRandom(3), 24_000, 26_000, 30_000);
        assertThat(m.snapshot()).allSatisfy(s -> {
            assertThat(s.missed()).isZero();
            assertThat(s.trueDetections()).isZero();
        });
    }

    @Test
    void detectorStateRoundTripsAndUnknownDetectorsAreSkipped() throws IOException {
        DriftMonitor a = monitor(DriftSettings.defaults().create(true));
        feed(a, new SplittableRandom(4), 0, 3000, 10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        // a monitor configured with ADWIN only takes ADWIN's state and skips the others
        DriftMonitor b = monitor(List.of(new Adwin(0.002)));
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        DriftMonitor c = monitor(DriftSettings.defaults().create(true));
        c.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        c.writeState(new DataOutputStream(again));
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
        List<Long> before = a.snapshot().stream().map(DriftMonitor.DetectorState::detections).toList();
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        feed(a, r1, 3000, 8000, 5000);
        feed(c, r2, 3000, 8000, 5000);
        // the restored detectors decide exactly as the uninterrupted ones; the counts start afresh
        List<Long> after = a.snapshot().stream().map(DriftMonitor.DetectorState::detections).toList();
        assertThat(c.snapshot()).extracting(DriftMonitor.DetectorState::detections)
                .containsExactly(after.get(0) - before.get(0), after.get(1) - before.get(1), after.get(2) - before.get(2),
                        after.get(3) - before.get(3));
        assertThat(after.get(0) - before.get(0)).isPositive();
    }

    @Test
    void eachDetectorIsScoredWithRatesAndAgainstAPeriodicBaselineAtItsOwnRate() {
        DriftMonitor m = monitor(DriftSettings.defaults().create(true));
        for (int k = 1; k <= 4; k++) {
            m.onTruth(shift(k * 10_000L));
        }
        SplittableRandom rnd = new SplittableRandom(8);
        // the error rate alternates 0.05 / 0.5 at each true shift
        for (int i = 0; i < 52_000; i++) {
            boolean high = (i / 10_000) % 2 == 1;
            m.observe(error(rnd.nextDouble() < (high ? 0.5 : 0.05) ? 1 : 0), i);
        }
        DriftMonitor.DetectorState adwin = m.snapshot().get(0);
        DriftMonitor.Rates r = adwin.rates();
        assertThat(r.precision()).isEqualTo((double) adwin.trueDetections() / (adwin.trueDetections() + adwin.falseAlarms()));
        assertThat(r.recall()).isEqualTo((double) adwin.trueDetections() / (adwin.trueDetections() + adwin.missed()));
        assertThat(r.f1()).isEqualTo(2 * r.precision() * r.recall() / (r.precision() + r.recall()));
        // evenly spaced alarms at the detector's own rate do worse than the detector
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.5);
        assertThat(adwin.baseline().recall()).isNotNaN();
        assertThat(adwin.baseline().f1()).isLessThan(r.f1());
        assertThat(adwin.baseline().precision()).isLessThan(r.precision());
    }
}

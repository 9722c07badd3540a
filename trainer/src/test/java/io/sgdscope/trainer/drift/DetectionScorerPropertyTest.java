package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Bookkeeping that must hold whatever the shifts, their lateness and the detections. */
class DetectionScorerPropertyTest {

    static final int LENGTH = 20_000;

    @Property(tries = 200)
    void everyDetectionAndEveryShiftIsAccountedForOnce(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long horizon = 1 + rng.nextInt(1500);
        DetectionScorer s = new DetectionScorer(horizon);
        // shifts at increasing starts, published in order, each up to 3 horizons late
        TreeMap<Long, DriftEvent> byPublication = new TreeMap<>();
        int shifts = rng.nextInt(8);
        long start = 0;
        long published = 0;
        for (int k = 0; k < shifts; k++) {
            start += 1 + rng.nextInt(LENGTH / 8);
            long end = start + (rng.nextBoolean() ? 0 : rng.nextInt(1000));
            published = Math.max(published, start + rng.nextLong(3 * horizon + 1));
            byPublication.put(published * 16 + k, new DriftEvent("s", start, 0, DriftEvent.Kind.CONCEPT, k + 1,
                    DriftEvent.Transition.GRADUAL, start, end, null));
        }
        double rate = rng.nextDouble() * 0.01;
        long detections = 0;
        long end = LENGTH + 4 * horizon + 2000;
        for (long i = 0; i < end; i++) {
            while (!byPublication.isEmpty() && byPublication.firstKey() / 16 <= i) {
                s.onTruth(byPublication.pollFirstEntry().getValue());
            }
            if (i < LENGTH && rng.nextDouble() < rate) {
                s.onDetection(i);
                detections++;
            }
            s.advanceTo(i);
        }
        while (!byPublication.isEmpty()) {
            s.onTruth(byPublication.pollFirstEntry().getValue());
        }
        s.advanceTo(Long.MAX_VALUE / 2);

        assertThat(s.detections()).isEqualTo(detections);
        assertThat(s.pendingDetections()).isZero();
        assertThat(s.pendingShifts()).isZero();
        assertThat(s.trueDetections() + s.falseAlarms() + s.repeats() + s.droppedDetections()).isEqualTo(detections);
        assertThat(s.trueDetections() + s.missed() + s.droppedShifts()).isEqualTo(shifts);
        if (s.trueDetections() > 0) {
            assertThat(s.meanDelay()).isBetween(0.0, 1000.0 + horizon);
            assertThat(s.lastDelay()).isBetween(0.0, 1000.0 + horizon);
        } else {
            assertThat(s.meanDelay()).isNaN();
        }
    }
}

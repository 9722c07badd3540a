package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.DriftEvent.Kind;
import io.sgdscope.common.DriftEvent.Transition;
import org.junit.jupiter.api.Test;

class DetectionScorerTest {

    static final long HORIZON = 100;

    static DriftEvent abrupt(long at) {
        return new DriftEvent("s", at, 0, Kind.CONCEPT, 1, Transition.ABRUPT, at, at, null);
    }

    static DriftEvent gradual(long from, long to) {
        return new DriftEvent("s", from, 0, Kind.COVARIATE, 2, Transition.GRADUAL, from, to, null);
    }

    static DriftEvent of(Kind kind, long at) {
        return new DriftEvent("s", at, 0, kind, 0, Transition.ABRUPT, at, at, null);
    }

    @Test
    void beforeAnythingTheDelaysAreNaN() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        assertThat(s.lastDelay()).isNaN();
        assertThat(s.meanDelay()).isNaN();
        assertThat(s.lastDetectionIndex()).isEqualTo(-1);
        assertThat(s.detections()).isZero();
    }

    @Test
    void aDetectionAfterAShiftIsTrueOnceTheStreamIsAHorizonPastIt() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onDetection(1040);
        s.advanceTo(1139);
        assertThat(s.trueDetections()).isZero();
        assertThat(s.pendingDetections()).isEqualTo(1);
        assertThat(s.detections()).isEqualTo(1);
        assertThat(s.lastDetectionIndex()).isEqualTo(1040);
        s.advanceTo(1140);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(40);
        assertThat(s.meanDelay()).isEqualTo(40);
        assertThat(s.falseAlarms()).isZero();
        assertThat(s.missed()).isZero();
        assertThat(s.pendingDetections()).isZero();
        assertThat(s.pendingShifts()).isZero();
    }

    @Test
    void aDetectionWithNoShiftIsAFalseAlarm() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onDetection(500);
        s.advanceTo(599);
        assertThat(s.falseAlarms()).isZero();
        s.advanceTo(600);
        assertThat(s.falseAlarms()).isEqualTo(1);
        assertThat(s.trueDetections()).isZero();
    }

    @Test
    void aDetectionBeforeTheShiftIsAFalseAlarmAndTheShiftIsMissed() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onDetection(999);
        s.advanceTo(1099);
        assertThat(s.falseAlarms()).isEqualTo(1);
        assertThat(s.missed()).isZero();
        s.advanceTo(1100);
        assertThat(s.missed()).isEqualTo(1);
    }

    @Test
    void aShiftWithNoDetectionWithinTheHorizonIsMissed() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.advanceTo(1099);
        assertThat(s.missed()).isZero();
        assertThat(s.pendingShifts()).isEqualTo(1);
        s.advanceTo(1100);
        assertThat(s.missed()).isEqualTo(1);
        assertThat(s.pendingShifts()).isZero();
    }

    @Test
    void aGradualShiftCountsFromItsStartUntilAHorizonAfterItsEnd() {
        DetectionScorer inside = new DetectionScorer(HORIZON);
        inside.onTruth(gradual(1000, 1500));
        inside.onDetection(1599);
        inside.advanceTo(10_000);
        assertThat(inside.trueDetections()).isEqualTo(1);
        assertThat(inside.lastDelay()).isEqualTo(599);

        DetectionScorer outside = new DetectionScorer(HORIZON);
        outside.onTruth(gradual(1000, 1500));
        outside.onDetection(1600);
        outside.advanceTo(10_000);
        assertThat(outside.trueDetections()).isZero();
        assertThat(outside.falseAlarms()).isEqualTo(1);
        assertThat(outside.missed()).isEqualTo(1);
    }

    @Test
    void aShiftIsNotMissedWhileADetectionInItsWindowIsPending() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onDetection(1090);
        s.advanceTo(1100);
        assertThat(s.missed()).isZero();
        assertThat(s.pendingShifts()).isEqualTo(1);
        s.advanceTo(1190);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(90);
        assertThat(s.missed()).isZero();
    }

    @Test
    void truthArrivingAfterTheDetectionStillCountsWithinTheHorizon() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onDetection(1040);
        s.advanceTo(1120);
        s.onTruth(abrupt(1000));
        s.advanceTo(1140);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(40);
        assertThat(s.falseAlarms()).isZero();
    }

    @Test
    void truthLaterThanTheHorizonCannotRescueTheDetection() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onDetection(1040);
        s.advanceTo(1140);
        assertThat(s.falseAlarms()).isEqualTo(1);
        s.onTruth(abrupt(1000));
        s.advanceTo(1141);
        assertThat(s.missed()).isEqualTo(1);
        assertThat(s.trueDetections()).isZero();
    }

    @Test
    void startAndNoneEventsAreNotShifts() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(of(Kind.START, 0));
        s.onTruth(of(Kind.NONE, 500));
        assertThat(s.pendingShifts()).isZero();
        s.onDetection(510);
        s.advanceTo(5000);
        assertThat(s.falseAlarms()).isEqualTo(1);
        assertThat(s.missed()).isZero();
        for (Kind k : new Kind[] {Kind.COVARIATE, Kind.PRIOR, Kind.CONCEPT, Kind.SPURIOUS, Kind.NOISE}) {
            DetectionScorer t = new DetectionScorer(HORIZON);
            t.onTruth(of(k, 10));
            assertThat(t.pendingShifts()).as(k.name()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheFirstDetectionInAWindowFindsTheShiftTheRestAreRepeatsNotFalseAlarms() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onDetection(1010);
        s.onDetection(1020);
        s.advanceTo(2000);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(10);
        assertThat(s.repeats()).isEqualTo(1);
        assertThat(s.falseAlarms()).isZero();
        assertThat(s.detections()).isEqualTo(2);
    }

    @Test
    void aDetectionGoesToTheEarliestShiftWhoseWindowHoldsIt() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onTruth(abrupt(1050));
        s.onDetection(1060);
        s.advanceTo(5000);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(60);
        assertThat(s.missed()).isEqualTo(1);
    }

    @Test
    void meanDelayOverSeveralShifts() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onTruth(abrupt(2000));
        s.onDetection(1040);
        s.advanceTo(1500);
        s.onDetection(2060);
        s.advanceTo(3000);
        assertThat(s.trueDetections()).isEqualTo(2);
        assertThat(s.lastDelay()).isEqualTo(60);
        assertThat(s.meanDelay()).isEqualTo(50);
        assertThat(s.lastDetectionIndex()).isEqualTo(2060);
    }

    @Test
    void aRepeatedTruthEventIsOneShift() {
        DetectionScorer s = new DetectionScorer(HORIZON);
        s.onTruth(abrupt(1000));
        s.onTruth(abrupt(1000));
        assertThat(s.pendingShifts()).isEqualTo(1);
        s.onDetection(1001);
        s.advanceTo(1101);
        s.onTruth(abrupt(1000)); // replayed after it was scored
        s.advanceTo(5000);
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.missed()).isZero();
    }

    @Test
    void pendingDetectionsAreCappedDroppingTheOldest() {
        DetectionScorer s = new DetectionScorer(1000, 3);
        s.onTruth(abrupt(0));
        for (long d = 1; d <= 5; d++) {
            s.onDetection(d);
        }
        assertThat(s.pendingDetections()).isEqualTo(3);
        assertThat(s.droppedDetections()).isEqualTo(2);
        assertThat(s.detections()).isEqualTo(5);
        s.advanceTo(10_000);
        // 1 and 2 were dropped: 3 finds the shift, 4 and 5 repeat it
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.lastDelay()).isEqualTo(3);
        assertThat(s.repeats()).isEqualTo(2);
        assertThat(s.falseAlarms()).isZero();
    }

    @Test
    void pendingShiftsAreCappedDroppingTheOldest() {
        DetectionScorer s = new DetectionScorer(HORIZON, 2);
        s.onTruth(abrupt(200));
        s.onTruth(abrupt(300));
        s.onTruth(abrupt(100)); // older than both: it is the one dropped
        assertThat(s.droppedShifts()).isEqualTo(1);
        s.onTruth(abrupt(400)); // drops 200
        assertThat(s.droppedShifts()).isEqualTo(2);
        assertThat(s.pendingShifts()).isEqualTo(2);
        s.onDetection(310);
        s.onDetection(420);
        s.advanceTo(10_000);
        assertThat(s.trueDetections()).isEqualTo(2);
        assertThat(s.missed()).isZero();
        assertThat(s.meanDelay()).isEqualTo(15);
    }

    @Test
    void aDetectedShiftLeavingForTheCapIsNotCountedAsDropped() {
        DetectionScorer s = new DetectionScorer(HORIZON, 2);
        s.onTruth(abrupt(100));
        s.onDetection(110);
        s.onDetection(195);
        s.advanceTo(210); // 110 finds the shift at 100; it stays while 195, inside its window, is pending
        assertThat(s.trueDetections()).isEqualTo(1);
        assertThat(s.pendingShifts()).isEqualTo(1);
        s.onTruth(abrupt(150));
        s.onTruth(abrupt(160)); // the cap pushes out the detected shift, which had nothing left to decide
        assertThat(s.droppedShifts()).isZero();
        assertThat(s.pendingShifts()).isEqualTo(2);
        s.advanceTo(1000);
        assertThat(s.trueDetections()).isEqualTo(2); // 195 finds the shift at 150
        assertThat(s.lastDelay()).isEqualTo(45);
        assertThat(s.missed()).isEqualTo(1);         // the one at 160
        assertThat(s.repeats()).isZero();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new DetectionScorer(0)).hasMessageContaining("horizon");
        assertThatThrownBy(() -> new DetectionScorer(10, 0)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new DetectionScorer(10).onDetection(-1)).hasMessageContaining("-1");
    }

    @Test
    void scoresAdwinOnAStreamWithTwoShiftsEndToEnd() {
        // 0.1 -> 0.4 at 5,000, back to 0.1 at 10,000; each truth published 500 samples late
        double[] up = ErrorStreams.abrupt(3, 10_000, 5000, 0.1, 0.4);
        double[] down = ErrorStreams.abrupt(4, 10_000, 0, 0.4, 0.1);
        Adwin adwin = new Adwin();
        DetectionScorer s = new DetectionScorer(DriftSettings.DEFAULT_HORIZON);
        for (int i = 0; i < 20_000; i++) {
            if (adwin.update(i < 10_000 ? up[i] : down[i - 10_000])) {
                s.onDetection(i);
            }
            if (i == 500) {
                s.onTruth(of(Kind.START, 0));
            } else if (i == 5500) {
                s.onTruth(abrupt(5000));
            } else if (i == 10_500) {
                s.onTruth(abrupt(10_000));
            }
            s.advanceTo(i);
        }
        assertThat(s.trueDetections()).isEqualTo(2);
        assertThat(s.missed()).isZero();
        assertThat(s.meanDelay()).isBetween(0.0, 500.0);
        assertThat(s.falseAlarms()).isZero();
        assertThat(s.repeats()).isEqualTo(s.detections() - 2 - s.pendingDetections()).isPositive();
    }
}

package io.sgdscope.streams.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.streams.support.AppDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two one-minute windows of N samples: the reference, with every feature N(0,1) and balanced
 * labels; then one where feature 2 moves to N(1,1) and class 1 rises to 80 %. Tolerances follow
 * from N (the KS critical value at 99.9 % is 1.95 sqrt(2/N)).
 */
class DriftStatisticsTest {

    private static final int N = 2000;
    private static final int DIM = 4;
    private static final int SHIFTED = 2;
    private static final long MINUTE = 60_000;
    private static final long W0 = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;
    private static final double KS_TOL = 1.95 * Math.sqrt(2.0 / N);

    @TempDir
    Path stateDir;

    private AppDriver app;

    @BeforeEach
    void setUp() {
        app = new AppDriver(Map.of("streams.feature-dimension", Integer.toString(DIM), "streams.classes", "2",
                "streams.drift.window", "1m", "streams.drift.top-k", "2"), stateDir);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private void window(long start, SplittableRandom rnd, double shift, double pClass1, String idPrefix) {
        for (int i = 0; i < N; i++) {
            float[] x = new float[DIM];
            for (int f = 0; f < DIM; f++) {
                x[f] = (float) (gaussian(rnd) + (f == SHIFTED ? shift : 0));
            }
            int label = rnd.nextDouble() < pClass1 ? 1 : 0;
            app.send(new Sample(idPrefix + i, "teacher", start + (long) i * (MINUTE / N), x, Label.ofClass(label), null));
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void aWindowWithAKnownShiftIsComparedWithTheReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        window(W0, rnd, 0, 0.5, "ref-");
        assertThat(app.drift.isEmpty()).as("the first window is still open").isTrue();
        window(W0 + MINUTE, rnd, 1.0, 0.8, "cur-");
        app.send(new Sample("closer", "teacher", W0 + 2 * MINUTE, new float[DIM], Label.ofClass(0), null));

        List<TestRecord<String, DriftStats>> out = app.drift.readRecordsToList();
        assertThat(out).hasSize(2);
        DriftStats ref = out.get(0).value();
        DriftStats cur = out.get(1).value();
        assertThat(out.get(0).key()).isEqualTo("teacher");

        assertThat(ref.reference()).isTrue();
        assertThat(ref.count()).isEqualTo(N);
        assertThat(ref.windowStartMs()).isEqualTo(W0);
        assertThat(ref.windowEndMs()).isEqualTo(W0 + MINUTE);
        assertThat(ref.featurePsi()).containsOnly(0.0);
        assertThat(ref.labelCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(N);

        assertThat(cur.reference()).isFalse();
        assertThat(cur.referenceStartMs()).isEqualTo(W0);
        assertThat(cur.count()).isEqualTo(N);
        assertThat(cur.featureMean()[SHIFTED]).isCloseTo(1.0, within(4 / Math.sqrt(N)));
        assertThat(cur.featureVariance()[SHIFTED]).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / N)));
        // binned KS of N(0,1) vs N(1,1) on edges -4 + 0.8k: largest gap at x = 0.4, Phi(0.4) - Phi(-0.6)
        assertThat(cur.featureKs()[SHIFTED]).isCloseTo(0.6554 - 0.2743, within(KS_TOL));
        for (int f = 0; f < DIM; f++) {
            if (f != SHIFTED) {
                assertThat(cur.featureKs()[f]).as("KS of unshifted feature %d", f).isLessThan(KS_TOL);
                assertThat(cur.featurePsi()[f]).isLessThan(cur.featurePsi()[SHIFTED] / 10);
            }
        }
        assertThat(cur.topFeatures()).hasSize(2);
        assertThat(cur.topFeatures().get(0).feature()).isEqualTo(SHIFTED);
        assertThat(cur.topFeatures().get(0).psi()).isEqualTo(cur.featurePsi()[SHIFTED]);
        // label PSI of (0.5, 0.5) -> (0.8, 0.2): 0.3 ln 1.6 + 0.3 ln 2.5
        assertThat(cur.labelPsi()).isCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), within(5 / Math.sqrt(N)));
        double meanPsi = java.util.Arrays.stream(cur.featurePsi()).average().orElseThrow();
        assertThat(cur.shiftScore()).isEqualTo(meanPsi);

        assertThat(app.stats.drift().latest("teacher")).contains(cur);
        assertThat(app.clean.getQueueSize()).isEqualTo(2L * N + 1);
    }

    @Test
    void aSampleOfAnAlreadyClosedWindowPassesButIsLeftOutOfTheStatistics() {
        SplittableRandom rnd = new SplittableRandom(1);
        window(W0, rnd, 0, 0.5, "a-");
        app.send(new Sample("next", "teacher", W0 + MINUTE, new float[DIM], Label.ofClass(0), null));
        app.send(new Sample("old", "teacher", W0 + 5, new float[DIM], Label.ofClass(0), null));
        assertThat(app.drift.readValuesToList()).hasSize(1);
        assertThat(app.clean.getQueueSize()).isEqualTo(N + 2L);

        app.send(new Sample("after", "teacher", W0 + 2 * MINUTE, new float[DIM], Label.ofClass(0), null));
        List<DriftStats> second = app.drift.readValuesToList();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).windowStartMs()).isEqualTo(W0 + MINUTE);
        assertThat(second.get(0).count()).as("'next' only: 'old' is left out").isEqualTo(1);
    }

    @Test
    void aQuietStreamsWindowClosesWhenStreamTimePassesItsEnd() {
        SplittableRandom rnd = new SplittableRandom(3);
        window(W0, rnd, 0, 0.5, "a-");
        app.send(new Sample("other", "busy", W0 + MINUTE + 10, new float[DIM], Label.ofClass(0), null));

        List<TestRecord<String, DriftStats>> out = app.drift.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("teacher");
        assertThat(out.get(0).value().count()).isEqualTo(N);
        assertThat(out.get(0).value().reference()).isTrue();

        app.send(new Sample("late", "teacher", W0 + 7, new float[DIM], Label.ofClass(0), null));
        app.send(new Sample("more", "busy", W0 + 3 * MINUTE, new float[DIM], Label.ofClass(0), null));
        assertThat(app.clean.readValuesToList()).extracting(Sample::id).contains("late");
        assertThat(app.drift.readRecordsToList()).as("the empty next window of 'teacher' emits nothing: 'late' is left out")
                .extracting(TestRecord::key).containsExactly("busy");
    }

    @Test
    void aDelayedSamplesFeaturesCountOnceAndItsLabelInTheWindowOpenWhenItArrives() {
        // join window 10m (the default): every label below joins
        app.send(new Sample("u", "teacher", W0 + 50_000, new float[] {4, 0, 0, 0}, null, null));
        app.send(new Sample("v", "teacher", W0 + 51_000, new float[] {2, 0, 0, 0}, null, null));
        app.sendLabel(new io.sgdscope.common.LabelRecord("v", "teacher", Label.ofClass(1), W0 + 52_000));
        app.send(new Sample("w", "teacher", W0 + MINUTE + 1_000, new float[] {0, 0, 0, 0}, Label.ofClass(0), null));
        app.sendLabel(new io.sgdscope.common.LabelRecord("u", "teacher", Label.ofClass(1), W0 + MINUTE + 2_000));
        app.send(new Sample("x", "teacher", W0 + 2 * MINUTE + 1_000, new float[] {0, 0, 0, 0}, Label.ofClass(0), null));

        List<DriftStats> stats = app.drift.readValuesToList();
        assertThat(stats).hasSize(2);
        DriftStats first = stats.get(0);
        assertThat(first.count()).as("u and v, each once, although v passed twice").isEqualTo(2);
        assertThat(first.featureMean()[0]).isEqualTo(3.0);
        assertThat(first.labelCounts()).as("v's label came in this window, u's did not").isEqualTo(Map.of("1", 1L));
        DriftStats second = stats.get(1);
        assertThat(second.count()).as("w only: u's joined copy adds no features").isEqualTo(1);
        assertThat(second.labelCounts()).isEqualTo(Map.of("0", 1L, "1", 1L));
        assertThat(app.clean.readValuesToList()).extracting(Sample::id, Sample::joined).containsExactly(
                org.assertj.core.groups.Tuple.tuple("u", false), org.assertj.core.groups.Tuple.tuple("v", false),
                org.assertj.core.groups.Tuple.tuple("v", true), org.assertj.core.groups.Tuple.tuple("w", false),
                org.assertj.core.groups.Tuple.tuple("u", true), org.assertj.core.groups.Tuple.tuple("x", false));
    }
}

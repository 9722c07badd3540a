package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every drift detector promises. Subclasses say how to build one and add their own cases. */
abstract class DriftDetectorContract {

    /** A fresh detector with its default settings. */
    abstract DriftDetector create();

    /** A fresh detector of the same kind with other settings. */
    abstract DriftDetector createOther();

    /** A stream with several rises and falls of the error rate, so that detections happen along it. */
    static double[] changingStream(long seed) {
        double[] a = ErrorStreams.abrupt(seed, 6000, 3000, 0.1, 0.5);
        double[] b = ErrorStreams.abrupt(seed + 1, 6000, 2000, 0.5, 0.05);
        double[] c = ErrorStreams.abrupt(seed + 2, 6000, 4000, 0.05, 0.6);
        double[] xs = new double[a.length + b.length + c.length];
        System.arraycopy(a, 0, xs, 0, a.length);
        System.arraycopy(b, 0, xs, a.length, b.length);
        System.arraycopy(c, 0, xs, a.length + b.length, c.length);
        return xs;
    }

    static byte[] state(DriftDetector d) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            d.writeState(out);
        }
        return bytes.toByteArray();
    }

    static void restore(DriftDetector d, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            d.readState(in);
            assertThat(in.read()).as("state fully read").isEqualTo(-1);
        }
    }

    /** Seeds of the abrupt-change test: 20 streams, each with its own change point. */
    static final int CHANGE_SEEDS = 20;
    static final int STATIONARY_LENGTH = 100_000;

    /**
     * For each of {@link #CHANGE_SEEDS} seeds, a 0/1 error stream at rate 0.1 that rises to 0.4 at
     * a change point drawn from [minChange, maxChange): the first detection at or after it comes
     * within {@code bound} samples. Returns the delays.
     */
    static int[] assertDetectsRiseWithin(java.util.function.Supplier<? extends DriftDetector> factory,
                                         int minChange, int maxChange, int bound) {
        int[] delays = new int[CHANGE_SEEDS];
        for (int seed = 0; seed < CHANGE_SEEDS; seed++) {
            delays[seed] = ErrorStreams.delay(factory, seed, minChange, maxChange, bound);
            assertThat(delays[seed]).as("delay for seed %d (-1: none within %d)", seed, bound).isBetween(0, bound - 1);
        }
        return delays;
    }

    /** False alarms on 100,000 stationary Bernoulli(0.1) errors, per seed. */
    static List<Integer> falseAlarms(java.util.function.Supplier<? extends DriftDetector> factory, int seeds) {
        List<Integer> alarms = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            alarms.add(ErrorStreams.detections(factory.get(),
                    ErrorStreams.stationary(1000 + seed, STATIONARY_LENGTH, ErrorStreams.BEFORE)).length);
        }
        return alarms;
    }

    @Test
    void nameIsAKnownDetectorTag() {
        assertThat(DriftSettings.KNOWN).contains(create().name());
    }

    @Test
    void theStreamHasDetectionsToCompare() {
        assertThat(ErrorStreams.detections(create(), changingStream(7))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void identicalInputsGiveIdenticalDecisions() {
        double[] xs = changingStream(3);
        assertThat(ErrorStreams.detections(create(), xs)).containsExactly(ErrorStreams.detections(create(), xs));
    }

    @Test
    void aDetectorRestoredMidStreamDecidesExactlyAsTheUninterruptedOne() throws IOException {
        double[] xs = changingStream(11);
        int[] uninterrupted = ErrorStreams.detections(create(), xs);
        List<Integer> cuts = new ArrayList<>(List.of(1, 2999, 3001, 7777, 12345, xs.length - 1));
        for (int d : uninterrupted) {
            cuts.add(d + 1); // right after a detection, while the detector is adapting
        }
        for (int cut : cuts) {
            DriftDetector first = create();
            List<Integer> decisions = new ArrayList<>();
            for (int i = 0; i < cut; i++) {
                if (first.update(xs[i])) {
                    decisions.add(i);
                }
            }
            DriftDetector restored = create();
            restore(restored, state(first));
            assertThat(state(restored)).as("state after restore at %d", cut).containsExactly(state(first));
            for (int i = cut; i < xs.length; i++) {
                if (restored.update(xs[i])) {
                    decisions.add(i);
                }
            }
            assertThat(decisions).as("restored at %d", cut).containsExactlyElementsOf(
                    java.util.Arrays.stream(uninterrupted).boxed().toList());
        }
    }

    @Test
    void resetEqualsAFreshDetector() throws IOException {
        double[] xs = changingStream(5);
        DriftDetector used = create();
        ErrorStreams.detections(used, xs);
        used.reset();
        assertThat(state(used)).containsExactly(state(create()));
        assertThat(ErrorStreams.detections(used, xs)).containsExactly(ErrorStreams.detections(create(), xs));
    }

    @Test
    void aNonFiniteObservationIsRejectedNamingTheDetectorAndChangesNothing() throws IOException {
        DriftDetector d = create();
        for (double x : ErrorStreams.stationary(1, 500, 0.2)) {
            d.update(x);
        }
        byte[] before = state(d);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> d.update(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(d.name());
        }
        assertThat(state(d)).containsExactly(before);
    }

    @Test
    void stateFromADetectorWithOtherSettingsIsRefused() throws IOException {
        DriftDetector other = createOther();
        for (double x : ErrorStreams.stationary(2, 300, 0.2)) {
            other.update(x);
        }
        byte[] saved = state(other);
        assertThatThrownBy(() -> restore(create(), saved)).isInstanceOf(IOException.class)
                .hasMessageContaining(other.name());
    }

    @Test
    void aTruncatedStateFailsWithIoExceptionAndLeavesTheDetectorAsItWas() throws IOException {
        DriftDetector d = create();
        ErrorStreams.detections(d, changingStream(9));
        byte[] saved = state(d);
        byte[] cut = java.util.Arrays.copyOf(saved, saved.length - 3);
        DriftDetector target = create();
        ErrorStreams.detections(target, ErrorStreams.stationary(4, 700, 0.3));
        byte[] before = state(target);
        assertThatThrownBy(() -> restore(target, cut)).isInstanceOf(IOException.class);
        assertThat(state(target)).containsExactly(before);
    }
}

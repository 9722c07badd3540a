package io.sgdscope.trainer.drift;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Seeded 0/1 error streams and the statistics the detector tests check. */
final class ErrorStreams {

    static final double BEFORE = 0.1;
    static final double AFTER = 0.4;

    private ErrorStreams() {
    }

    /** Bernoulli errors with rate {@code before} up to index {@code change} (exclusive), {@code after} from it. */
    static double[] abrupt(long seed, int length, int change, double before, double after) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xs = new double[length];
        for (int i = 0; i < length; i++) {
            xs[i] = rng.nextDouble() < (i < change ? before : after) ? 1 : 0;
        }
        return xs;
    }

    static double[] stationary(long seed, int length, double rate) {
        return abrupt(seed, length, length, rate, rate);
    }

    /** Indices at which the detector reported a drift. */
    static int[] detections(DriftDetector d, double[] xs) {
        int[] out = new int[xs.length];
        int k = 0;
        for (int i = 0; i < xs.length; i++) {
            if (d.update(xs[i])) {
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /**
     * The delay of the first detection at or after the change, for a 0.1 → 0.4 rise at a change
     * point drawn per seed from [minChange, maxChange); -1 if there is none within {@code window}.
     */
    static int delay(Supplier<? extends DriftDetector> factory, long seed, int minChange, int maxChange, int window) {
        int change = minChange + new SplittableRandom(~seed).nextInt(maxChange - minChange);
        double[] xs = abrupt(seed, change + window, change, BEFORE, AFTER);
        for (int i : detections(factory.get(), xs)) {
            if (i >= change) {
                return i - change;
            }
        }
        return -1;
    }
}

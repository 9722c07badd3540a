package io.sgdscope.producers.source;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom} (which has no {@code nextGaussian} on
 * Java 17), by the ziggurat method of Marsaglia and Tsang (2000) with 128 layers: about 99% of
 * draws cost one 64-bit random number and a multiplication. The layer index and the value take
 * disjoint bits of that number, avoiding the correlation of the original, which reused them.
 * Deterministic for the generator's seed. Not thread-safe.
 */
public final class Gaussian {

    private static final int LAYERS = 128;
    /** Where the base layer's tail begins. */
    private static final double R = 3.442619855899;
    /** The area of each layer. */
    private static final double V = 9.91256303526217e-3;
    private static final double M1 = 2147483648.0;
    private static final long[] K = new long[LAYERS];
    private static final double[] W = new double[LAYERS];
    private static final double[] F = new double[LAYERS];

    static {
        double dn = R;
        double tn = dn;
        double q = V / Math.exp(-0.5 * dn * dn);
        K[0] = (long) (dn / q * M1);
        K[1] = 0;
        W[0] = q / M1;
        W[LAYERS - 1] = dn / M1;
        F[0] = 1.0;
        F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
            K[i + 1] = (long) (dn / tn * M1);
            tn = dn;
            F[i] = Math.exp(-0.5 * dn * dn);
            W[i] = dn / M1;
        }
    }

    private final SplittableRandom rng;

    public Gaussian(SplittableRandom rng) {
        this.rng = rng;
    }

    public SplittableRandom rng() {
        return rng;
    }

    public double next() {
        while (true) {
            long bits = rng.nextLong();
            int hz = (int) (bits >>> 32);
            int iz = (int) bits & (LAYERS - 1);
            if (Math.abs((long) hz) < K[iz]) {
                return hz * W[iz];
            }
            double x = hz * W[iz];
            if (iz == 0) {
                // the tail beyond R, by Marsaglia's exponential rejection
                double y;
                do {
                    x = -Math.log(1 - rng.nextDouble()) / R;
                    y = -Math.log(1 - rng.nextDouble());
                } while (y + y < x * x);
                return hz > 0 ? R + x : -R - x;
            }
            if (F[iz] + rng.nextDouble() * (F[iz - 1] - F[iz]) < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** A random unit vector of dimension {@code d}. */
    public float[] unitVector(int d) {
        float[] w = new float[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            w[i] = (float) next();
            norm += w[i] * w[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < d; i++) {
            w[i] *= inv;
        }
        return w;
    }
}

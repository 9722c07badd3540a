package io.sgdscope.producers.source;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a {@link SplittableRandom} (which has no {@code nextGaussian} on
 * Java 17), by Marsaglia's polar method: no trigonometry, and each accepted pair yields two draws.
 * Deterministic for the generator's seed. Not thread-safe.
 */
public final class Gaussian {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    public Gaussian(SplittableRandom rng) {
        this.rng = rng;
    }

    public SplittableRandom rng() {
        return rng;
    }

    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
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

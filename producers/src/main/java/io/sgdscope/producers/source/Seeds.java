package io.sgdscope.producers.source;

import java.util.SplittableRandom;

/** Derived seeds, so that a source's model and its inputs never share a random stream. */
public final class Seeds {

    private static final long INPUT_SALT = 0x5DEECE66DL;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The random stream of a source's input draws for {@code inputSeed}. */
    public static SplittableRandom inputs(long inputSeed) {
        return new SplittableRandom(inputSeed ^ INPUT_SALT).split();
    }

    /** A seed for the {@code n}-th derived use of {@code seed} (phase sources, noise, transforms). */
    public static long derive(long seed, long n) {
        return new SplittableRandom(seed + GOLDEN * (n + 1)).nextLong();
    }
}

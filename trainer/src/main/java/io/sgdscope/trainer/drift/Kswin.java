package io.sgdscope.trainer.drift;

import io.sgdscope.trainer.optim.SeededRandom;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * KSWIN, the Kolmogorov-Smirnov windowing detector of Raab, Heusinger &amp; Schleif ("Reactive soft
 * prototype computing for concept drift streams", Neurocomputing 416, 2020).
 *
 * <p>It keeps the last {@code windowSize} observations. Once the window is full, every observation
 * runs a two-sample Kolmogorov-Smirnov test between the newest {@code statSize} observations R and
 * {@code statSize} observations W drawn uniformly without replacement from the older
 * {@code windowSize − statSize}. A drift is reported when the p-value is at most {@code alpha} and
 * the distance exceeds 0.1 (as River does, so that ties in 0/1 errors cannot fire on a tiny
 * distance); after it, the window keeps only R, the new concept, as the paper says.
 *
 * <p>The distance is computed exactly with ties (0/1 errors are all ties), and the p-value is the
 * exact two-sided P(D ≥ d) for small windows (statSize² &lt; 10,000) and the asymptotic one above,
 * both by commons-math; this is scipy's {@code ks_2samp}, which River calls, so the documented River
 * example is reproduced in the tests given the same draws. The draws come from a {@link Sampler}, by
 * default a seeded generator whose state is part of the checkpoint.
 */
public final class Kswin implements DriftDetector {

    public static final String NAME = "kswin";
    public static final double DEFAULT_ALPHA = 0.005;
    public static final int DEFAULT_WINDOW = 100;
    public static final int DEFAULT_STAT = 30;
    /** The distance below which a small p-value is not trusted (River's guard against tied 0/1 windows). */
    static final double MIN_DISTANCE = 0.1;

    /** Chooses which older observations make up W. */
    public interface Sampler {
        /** Fills {@code into} with {@code into.length} distinct indices in [0, population). */
        void draw(int population, int[] into);

        /** The sampler's state for a checkpoint, and back. */
        long state();

        void restore(long state);
    }

    /** Partial Fisher-Yates over a seeded SplitMix64; its state is one long. */
    public static Sampler seeded(long seed) {
        SeededRandom random = new SeededRandom(seed);
        return new Sampler() {
            private int[] scratch = new int[0];

            @Override
            public void draw(int population, int[] into) {
                if (scratch.length != population) {
                    scratch = new int[population];
                }
                for (int i = 0; i < population; i++) {
                    scratch[i] = i;
                }
                for (int i = 0; i < into.length; i++) {
                    int j = i + random.nextInt(population - i);
                    int t = scratch[i];
                    scratch[i] = scratch[j];
                    scratch[j] = t;
                    into[i] = scratch[i];
                }
            }

            @Override
            public long state() {
                return random.state();
            }

            @Override
            public void restore(long state) {
                random.restore(state);
            }
        };
    }

    private final double alpha;
    private final int windowSize;
    private final int statSize;
    private final Sampler sampler;
    /** So that {@link #reset} draws the same W as a fresh detector. */
    private final long initialSamplerState;
    private final KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();

    /** A ring of the last observations; {@code count} of them are valid, the newest at {@code head − 1}. */
    private final double[] window;
    private int head;
    private int count;
    private final int[] picks;
    private final double[] older;
    private final double[] recent;
    private double lastPValue = Double.NaN;
    /** Below this Kolmogorov-Smirnov distance no p-value reaches alpha. */
    private final double criticalDistance;

    public Kswin(long seed) {
        this(DEFAULT_ALPHA, DEFAULT_WINDOW, DEFAULT_STAT, seeded(seed));
    }

    public Kswin(double alpha, int windowSize, int statSize, Sampler sampler) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("kswin alpha must be in (0, 1), got " + alpha);
        }
        if (statSize < 2) {
            throw new IllegalArgumentException("kswin stat size must be >= 2, got " + statSize);
        }
        if (windowSize < 2 * statSize) {
            throw new IllegalArgumentException("kswin window size must be >= 2 x stat size (" + 2 * statSize
                    + "), got " + windowSize + ": W is drawn from the older window - stat size observations");
        }
        this.alpha = alpha;
        this.windowSize = windowSize;
        this.statSize = statSize;
        this.sampler = sampler;
        this.initialSamplerState = sampler.state();
        this.window = new double[windowSize];
        this.picks = new int[statSize];
        this.older = new double[statSize];
        this.recent = new double[statSize];
        this.criticalDistance = criticalDistance();
    }

    @Override
    public String name() {
        return NAME;
    }

    private double pValue(double distance) {
        return (long) statSize * statSize < 10_000
                ? ks.exactP(distance, statSize, statSize, false)
                : ks.approximateP(distance, statSize, statSize);
    }

    /**
     * Two samples of {@code statSize} have distances k / statSize only; the smallest with a
     * p-value at most alpha, less a rounding margin (NaN-free: 1 + margin if none is).
     */
    private double criticalDistance() {
        for (int k = 1; k <= statSize; k++) {
            double d = (double) k / statSize;
            if (pValue(d) <= alpha) {
                return d - 1e-9;
            }
        }
        return 1 + 1e-9;
    }

    /** The p-value of the last test when its distance could reach alpha; NaN otherwise, and before the window first filled. */
    public double lastPValue() {
        return lastPValue;
    }

    @Override
    public boolean update(double value) {
        DriftDetector.requireFinite(NAME, value);
        window[head] = value;
        head = (head + 1) % windowSize;
        count = Math.min(count + 1, windowSize);
        if (count < windowSize) {
            return false;
        }
        // the window is full: position k (0 = oldest) is at (head + k) % windowSize
        int olderSize = windowSize - statSize;
        sampler.draw(olderSize, picks);
        for (int i = 0; i < statSize; i++) {
            older[i] = window[(head + picks[i]) % windowSize];
            recent[i] = window[(head + olderSize + i) % windowSize];
        }
        double distance = ks.kolmogorovSmirnovStatistic(older, recent);
        // the p-value falls as the distance grows, so a distance below the critical one cannot fire:
        // the (costly) p-value is only computed for distances that may
        if (distance < criticalDistance) {
            lastPValue = Double.NaN;
            return false;
        }
        lastPValue = pValue(distance);
        if (lastPValue <= alpha && distance > MIN_DISTANCE) {
            keepOnlyRecent();
            return true;
        }
        return false;
    }

    /** After a drift the window holds R, the newest statSize observations, oldest first. */
    private void keepOnlyRecent() {
        System.arraycopy(recent, 0, window, 0, statSize);
        head = statSize % windowSize;
        count = statSize;
    }

    @Override
    public void reset() {
        sampler.restore(initialSamplerState);
        head = 0;
        count = 0;
        lastPValue = Double.NaN;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(alpha);
        out.writeInt(windowSize);
        out.writeInt(statSize);
        out.writeLong(sampler.state());
        out.writeInt(count);
        for (int k = 0; k < count; k++) {
            out.writeDouble(window[Math.floorMod(head - count + k, windowSize)]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        DriftDetector.requireSame(NAME, "alpha", in.readDouble(), alpha);
        DriftDetector.requireSame(NAME, "window size", in.readInt(), windowSize);
        DriftDetector.requireSame(NAME, "stat size", in.readInt(), statSize);
        long samplerState = in.readLong();
        int savedCount = in.readInt();
        if (savedCount < 0 || savedCount > windowSize) {
            throw new IOException(NAME + " state is damaged: " + savedCount + " observations in a window of "
                    + windowSize);
        }
        double[] saved = new double[savedCount];
        for (int k = 0; k < savedCount; k++) {
            saved[k] = in.readDouble();
            if (!Double.isFinite(saved[k])) {
                throw new IOException(NAME + " state is damaged: observation " + k + " is " + saved[k]);
            }
        }
        sampler.restore(samplerState);
        System.arraycopy(saved, 0, window, 0, savedCount);
        head = savedCount % windowSize;
        count = savedCount;
        lastPValue = Double.NaN;
    }
}

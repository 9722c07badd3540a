package io.sgdscope.trainer.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * ADWIN2 (Bifet &amp; Gavaldà, "Learning from time-changing data with adaptive windowing", SDM
 * 2007): a window W of the recent observations, kept as an exponential histogram, that shrinks
 * when two sub-windows W0 (older) · W1 (newer) have means further apart than
 *
 * <pre>
 *   ε_cut = sqrt(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ'),   1/m = 1/n0 + 1/n1,   δ' = δ/n
 * </pre>
 *
 * (the paper's Bernstein-style bound; σ²_W is the variance of the observations in W, n = |W|).
 * When a cut is found the oldest bucket is dropped and the check repeated until no split exceeds
 * its bound; the update that dropped anything reports the drift.
 *
 * <p>The histogram keeps at most {@code maxBuckets} buckets of each size 2^i, newest sizes first;
 * each bucket holds its sum and the sum of squared deviations from its own mean (merged with
 * Chan et al.'s pairwise formula). Memory is O(maxBuckets · log W); an update is amortised O(1),
 * and every {@code clock} updates a check over the O(log W) bucket boundaries with both sides at
 * least {@code minSubWindow} long. Nothing is allocated after construction.
 *
 * <p>The bound assumes observations in [0, 1] (0/1 errors); other values are accepted, but the
 * range term then under-covers them. Detects increases and decreases of the mean, or only
 * increases with {@code risesOnly} (what the trainer uses on its error).
 */
public final class Adwin implements DriftDetector {

    public static final String NAME = "adwin";
    public static final double DEFAULT_DELTA = 0.002;
    /** Buckets of one size before the two oldest merge (MOA's M). */
    public static final int DEFAULT_MAX_BUCKETS = 5;
    /** Updates between two cut checks. */
    public static final int DEFAULT_CLOCK = 32;
    /** Smallest W0 and W1 a cut is tested on. */
    public static final int DEFAULT_MIN_SUB_WINDOW = 5;

    /** Rows of bucket sizes 2^0 .. 2^62: more than any long-counted window needs. */
    private static final int MAX_ROWS = 63;

    private final double delta;
    private final int maxBuckets;
    private final int clock;
    private final int minSubWindow;

    /** Row r, slot k: the ring of bucket sums and squared-deviation sums of size 2^r. */
    private final double[] sums;
    private final double[] devs;
    private final int[] head;
    private final int[] count;
    private final int slots;
    private int rows;

    private long width;
    private double total;
    /** Sum of squared deviations from the window mean. */
    private double sq;
    private int tick;
    private final boolean risesOnly;
    /** Whether the last split found over its bound had the higher mean in the newer sub-window. */
    private boolean lastSplitRose;

    public Adwin() {
        this(DEFAULT_DELTA);
    }

    public Adwin(double delta) {
        this(delta, DEFAULT_MAX_BUCKETS, DEFAULT_CLOCK, DEFAULT_MIN_SUB_WINDOW);
    }

    /**
     * @param risesOnly signal only cuts where the newer sub-window's mean is the higher one: on a
     *                  model's error a fall is the model learning, not a drift (the window still
     *                  adapts to it)
     */
    public Adwin(double delta, boolean risesOnly) {
        this(delta, DEFAULT_MAX_BUCKETS, DEFAULT_CLOCK, DEFAULT_MIN_SUB_WINDOW, risesOnly);
    }

    public Adwin(double delta, int maxBuckets, int clock, int minSubWindow) {
        this(delta, maxBuckets, clock, minSubWindow, false);
    }

    public Adwin(double delta, int maxBuckets, int clock, int minSubWindow, boolean risesOnly) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("adwin delta must be in (0, 1), got " + delta);
        }
        if (maxBuckets < 2) {
            throw new IllegalArgumentException("adwin maxBuckets must be >= 2, got " + maxBuckets);
        }
        if (clock < 1) {
            throw new IllegalArgumentException("adwin clock must be >= 1, got " + clock);
        }
        if (minSubWindow < 1) {
            throw new IllegalArgumentException("adwin minSubWindow must be >= 1, got " + minSubWindow);
        }
        this.delta = delta;
        this.risesOnly = risesOnly;
        this.maxBuckets = maxBuckets;
        this.clock = clock;
        this.minSubWindow = minSubWindow;
        this.slots = maxBuckets + 1;
        this.sums = new double[MAX_ROWS * slots];
        this.devs = new double[MAX_ROWS * slots];
        this.head = new int[MAX_ROWS];
        this.count = new int[MAX_ROWS];
    }

    @Override
    public String name() {
        return NAME;
    }

    public double delta() {
        return delta;
    }

    /** |W|: observations in the window. */
    public long width() {
        return width;
    }

    /** Mean of the window; NaN while it is empty. */
    public double mean() {
        return width == 0 ? Double.NaN : total / width;
    }

    /** Variance of the observations in the window; NaN while it is empty. */
    public double variance() {
        return width == 0 ? Double.NaN : sq / width;
    }

    /** Buckets in the histogram. */
    int buckets() {
        int b = 0;
        for (int r = 0; r < rows; r++) {
            b += count[r];
        }
        return b;
    }

    @Override
    public boolean update(double value) {
        DriftDetector.requireFinite(NAME, value);
        if (width > 0) {
            // Chan et al. for one more value: sq += w/(w+1)·(x − μ)² = (w·x − Σ)²/(w(w+1))
            double w = width;
            double d = w * value - total;
            sq += d * d / (w * (w + 1));
        }
        width++;
        total += value;
        push(0, value, 0);
        compress();
        if (++tick < clock) {
            return false;
        }
        tick = 0;
        return cut();
    }

    /** Merges the two oldest buckets of every row that overflowed into one of the next size. */
    private void compress() {
        for (int r = 0; count[r] > maxBuckets; r++) {
            int first = slot(r, 0);
            int second = slot(r, 1);
            double s1 = sums[first];
            double s2 = sums[second];
            // two buckets of size c: their deviations plus c/2·(μ1 − μ2)² = (s1 − s2)²/(2c)
            double dev = devs[first] + devs[second] + (s1 - s2) * (s1 - s2) / (2 * sizeOf(r));
            head[r] = wrap(head[r] + 2);
            count[r] -= 2;
            push(r + 1, s1 + s2, dev);
        }
    }

    private void push(int r, double sum, double dev) {
        int k = r * slots + wrap(head[r] + count[r]);
        sums[k] = sum;
        devs[k] = dev;
        count[r]++;
        if (r >= rows) {
            rows = r + 1;
        }
    }

    /** Index into the arrays of the i-th oldest bucket of row r. */
    private int slot(int r, int i) {
        return r * slots + wrap(head[r] + i);
    }

    /** i mod slots for 0 ≤ i &lt; 2·slots, without a division. */
    private int wrap(int i) {
        return i >= slots ? i - slots : i;
    }

    private static double sizeOf(int r) {
        return (double) (1L << r);
    }

    /** Drops oldest buckets while some split of the window exceeds its bound; true if it dropped any. */
    private boolean cut() {
        boolean dropped = false;
        boolean rose = false;
        while (width >= 2L * minSubWindow && splitExceedsBound()) {
            rose |= lastSplitRose;
            dropOldest();
            dropped = true;
        }
        return risesOnly ? rose : dropped;
    }

    /**
     * The test |μ0 − μ1| &gt; sqrt(2/m·σ²·L) + 2/(3m)·L, L = ln(2n/δ), multiplied through by
     * P = n0·n1 (so 1/m = n/P and μ0 − μ1 = D/P with D = s0·n1 − s1·n0): |D| − B &gt; sqrt(K·P) with
     * B = 2/3·n·L and K = 2·n·σ²·L, checked squared. No division or root per split.
     */
    private boolean splitExceedsBound() {
        double n = width;
        double logTerm = Math.log(2 * n / delta);
        double b = 2.0 / 3.0 * n * logTerm;
        double k = 2 * sq * logTerm; // 2·n·σ²·L, σ² = sq/n
        long n0 = 0;
        double s0 = 0;
        for (int r = rows - 1; r >= 0; r--) {
            long size = 1L << r;
            for (int i = 0; i < count[r]; i++) {
                n0 += size;
                s0 += sums[slot(r, i)];
                long n1 = width - n0;
                if (n1 < minSubWindow) {
                    return false;
                }
                if (n0 < minSubWindow) {
                    continue;
                }
                double diff = s0 * n1 - (total - s0) * n0;
                double c = Math.abs(diff) - b;
                if (c > 0 && c * c > k * ((double) n0 * n1)) {
                    lastSplitRose = diff < 0;
                    return true;
                }
            }
        }
        return false;
    }

    private void dropOldest() {
        int r = rows - 1;
        int k = slot(r, 0);
        double size = sizeOf(r);
        double sum = sums[k];
        double rest = width - size;
        if (rest == 0) {
            sq = 0;
            total = 0;
        } else {
            double diff = sum / size - (total - sum) / rest;
            sq = Math.max(0, sq - devs[k] - size * rest * diff * diff / width);
            total -= sum;
        }
        width -= 1L << r;
        head[r] = wrap(head[r] + 1);
        count[r]--;
        while (rows > 0 && count[rows - 1] == 0) {
            rows--;
        }
    }

    @Override
    public void reset() {
        for (int r = 0; r < MAX_ROWS; r++) {
            head[r] = 0;
            count[r] = 0;
        }
        rows = 0;
        width = 0;
        total = 0;
        sq = 0;
        tick = 0;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(delta);
        out.writeInt(maxBuckets);
        out.writeInt(clock);
        out.writeInt(minSubWindow);
        out.writeLong(width);
        out.writeDouble(total);
        out.writeDouble(sq);
        out.writeInt(tick);
        out.writeInt(rows);
        for (int r = 0; r < rows; r++) {
            out.writeInt(count[r]);
            for (int i = 0; i < count[r]; i++) {
                int k = slot(r, i);
                out.writeDouble(sums[k]);
                out.writeDouble(devs[k]);
            }
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        DriftDetector.requireSame(NAME, "delta", in.readDouble(), delta);
        DriftDetector.requireSame(NAME, "maxBuckets", in.readInt(), maxBuckets);
        DriftDetector.requireSame(NAME, "clock", in.readInt(), clock);
        DriftDetector.requireSame(NAME, "minSubWindow", in.readInt(), minSubWindow);
        long savedWidth = in.readLong();
        double savedTotal = in.readDouble();
        double savedSq = in.readDouble();
        int savedTick = in.readInt();
        int savedRows = in.readInt();
        if (savedWidth < 0 || savedTick < 0 || savedTick >= clock || savedRows < 0 || savedRows > MAX_ROWS) {
            throw new IOException("adwin state is damaged: width " + savedWidth + ", tick " + savedTick
                    + ", rows " + savedRows);
        }
        int[] savedCount = new int[savedRows];
        double[] savedSums = new double[savedRows * slots];
        double[] savedDevs = new double[savedRows * slots];
        long counted = 0;
        for (int r = 0; r < savedRows; r++) {
            int c = in.readInt();
            if (c < 0 || c > maxBuckets) {
                throw new IOException("adwin state is damaged: row " + r + " has " + c + " buckets");
            }
            for (int i = 0; i < c; i++) {
                savedSums[r * slots + i] = in.readDouble();
                savedDevs[r * slots + i] = in.readDouble();
            }
            savedCount[r] = c;
            counted += (long) c << r;
        }
        if (counted != savedWidth) {
            throw new IOException("adwin state is damaged: buckets hold " + counted + " observations, width "
                    + savedWidth);
        }
        // all read and checked: only now replace the state, so a failed restore leaves it as it was
        reset();
        System.arraycopy(savedSums, 0, sums, 0, savedSums.length);
        System.arraycopy(savedDevs, 0, devs, 0, savedDevs.length);
        System.arraycopy(savedCount, 0, count, 0, savedRows);
        rows = savedRows;
        while (rows > 0 && count[rows - 1] == 0) {
            rows--;
        }
        width = savedWidth;
        total = savedTotal;
        sq = savedSq;
        tick = savedTick;
    }
}

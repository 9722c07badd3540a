package io.sgdscope.streams.drift;

import java.util.Map;
import java.util.TreeSet;

/** The comparison formulas of the drift statistics, documented in {@code streams-app/README.md}. */
public final class DriftMath {

    /** Additive (Jeffreys) smoothing, so an empty bin on one side gives a large but finite PSI. */
    static final double SMOOTHING = 0.5;

    private DriftMath() {
    }

    /**
     * Population stability index of {@code actual} against {@code expected}, both counts over the
     * same K cells: {@code sum_i (a_i - e_i) ln(a_i / e_i)} with {@code p_i = (c_i + 0.5) / (n + 0.5 K)}.
     */
    public static double psi(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("cell counts differ: " + expected.length + " vs " + actual.length);
        }
        int k = expected.length;
        double ne = 0;
        double na = 0;
        for (int i = 0; i < k; i++) {
            ne += expected[i];
            na += actual[i];
        }
        double psi = 0;
        for (int i = 0; i < k; i++) {
            double e = (expected[i] + SMOOTHING) / (ne + SMOOTHING * k);
            double a = (actual[i] + SMOOTHING) / (na + SMOOTHING * k);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** PSI over the union of the keys of two count maps (a key missing on one side counts 0 there). */
    public static double psi(Map<String, Long> expected, Map<String, Long> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        long[] e = new long[keys.size()];
        long[] a = new long[keys.size()];
        int i = 0;
        for (String key : keys) {
            e[i] = expected.getOrDefault(key, 0L);
            a[i] = actual.getOrDefault(key, 0L);
            i++;
        }
        return keys.isEmpty() ? 0.0 : psi(e, a);
    }

    /**
     * Two-sample Kolmogorov-Smirnov statistic on binned data: the largest gap between the two
     * empirical CDFs at the cell edges. Exact for the binned values; a lower bound of the KS
     * statistic of the unbinned samples.
     */
    public static double ks(long[] expected, long[] actual) {
        double ne = 0;
        double na = 0;
        for (int i = 0; i < expected.length; i++) {
            ne += expected[i];
            na += actual[i];
        }
        if (ne == 0 || na == 0) {
            return 0.0;
        }
        double ce = 0;
        double ca = 0;
        double d = 0;
        for (int i = 0; i < expected.length; i++) {
            ce += expected[i];
            ca += actual[i];
            d = Math.max(d, Math.abs(ce / ne - ca / na));
        }
        return d;
    }
}

package io.sgdscope.producers.source.gen;

import io.sgdscope.producers.source.SourceContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Class probabilities: validation and drawing by inverse CDF. */
public final class Priors {

    /** How far from 1 a list of probabilities may sum (YAML decimals are not exact). */
    public static final double SUM_TOLERANCE = 1e-6;

    private Priors() {
    }

    public static double[] uniform(int k) {
        double[] p = new double[k];
        Arrays.fill(p, 1.0 / k);
        return p;
    }

    /** Cumulative sums, the last forced to 1. */
    public static double[] cumulative(double[] p, int k) {
        if (p.length != k) {
            throw new IllegalArgumentException("need " + k + " class probabilities, got " + p.length);
        }
        double[] c = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += p[i];
            c[i] = s;
        }
        c[k - 1] = 1;
        return c;
    }

    public static int draw(double[] cumulative, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Null when fine, else what is wrong: wrong length, negative entries, or a sum other than 1. */
    public static String problem(double[] p, int k) {
        if (p.length != k) {
            return "needs " + k + " class probabilities, got " + p.length;
        }
        double s = 0;
        for (double v : p) {
            if (!(v >= 0)) {
                return "probabilities must be >= 0, got " + v;
            }
            s += v;
        }
        if (Math.abs(s - 1) > SUM_TOLERANCE) {
            return "probabilities must sum to 1, got " + s;
        }
        return null;
    }

    static void validate(double[] p, int k, SourceContext params, String name) {
        String problem = problem(p, k);
        if (problem != null) {
            throw params.settings().problem(name, problem);
        }
    }
}

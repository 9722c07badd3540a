package io.sgdscope.trainer.model;

import java.util.SplittableRandom;

/** Seeded samples labelled by a random teacher of the spec's task. Tests only. */
public final class TestData {

    private TestData() {
    }

    /** {@code n} rows of N(0, 1) features; targets from a linear teacher (sparse for regression). */
    public static Batch samples(ModelSpec spec, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = spec.widths()[0];
        Task task = spec.task();
        int k = task.kind() == Task.Kind.MULTICLASS ? task.outputs() : 1;
        double[][] teacher = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                teacher[c][i] = task.kind() == Task.Kind.REGRESSION ? (i < 3 ? 1.0 - 0.5 * i : 0) : rng.nextGaussian();
            }
        }
        Batch batch = new Batch(n);
        for (int r = 0; r < n; r++) {
            float[] x = new float[d];
            double[] s = new double[k];
            for (int i = 0; i < d; i++) {
                x[i] = (float) rng.nextGaussian();
                for (int c = 0; c < k; c++) {
                    s[c] += teacher[c][i] * x[i];
                }
            }
            double target = switch (task.kind()) {
                case BINARY -> s[0] > 0 ? 1 : 0;
                case REGRESSION -> s[0] + 0.1 * rng.nextGaussian();
                case MULTICLASS -> argmax(s);
            };
            batch.add(x, target);
        }
        return batch;
    }

    /** Gaussian parameters of scale {@code sd}: a generic point, away from the symmetric initialisations. */
    public static float[] randomParams(ModelSpec spec, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[spec.layout().numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (sd * rng.nextGaussian());
        }
        return p;
    }

    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }
}

package io.sgdscope.trainer.model;

import java.util.Arrays;

/**
 * {@link Kernels} in plain Java, for any JVM. C2 on Java 17 does not vectorise a float reduction
 * (its order is fixed), so the dot products use several independent sums to be bound by the
 * multiply-adds rather than by one add chain's latency; the element-wise loops of the backward
 * pass it does vectorise.
 */
final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Four outputs at a time share every load of {@code in}, each with two independent sums. */
    @Override
    public void columnDots(float[] p, int w, int nIn, int nOut, float[] in, float[] z) {
        int j = 0;
        for (; j + 3 < nOut; j += 4) {
            int c0 = w + j * nIn;
            int c1 = c0 + nIn;
            int c2 = c1 + nIn;
            int c3 = c2 + nIn;
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float b0 = 0;
            float b1 = 0;
            float b2 = 0;
            float b3 = 0;
            int i = 0;
            for (; i + 1 < nIn; i += 2) {
                float x0 = in[i];
                float x1 = in[i + 1];
                a0 = Math.fma(p[c0 + i], x0, a0);
                b0 = Math.fma(p[c0 + i + 1], x1, b0);
                a1 = Math.fma(p[c1 + i], x0, a1);
                b1 = Math.fma(p[c1 + i + 1], x1, b1);
                a2 = Math.fma(p[c2 + i], x0, a2);
                b2 = Math.fma(p[c2 + i + 1], x1, b2);
                a3 = Math.fma(p[c3 + i], x0, a3);
                b3 = Math.fma(p[c3 + i + 1], x1, b3);
            }
            if (i < nIn) {
                float x0 = in[i];
                a0 = Math.fma(p[c0 + i], x0, a0);
                a1 = Math.fma(p[c1 + i], x0, a1);
                a2 = Math.fma(p[c2 + i], x0, a2);
                a3 = Math.fma(p[c3 + i], x0, a3);
            }
            z[j] = a0 + b0;
            z[j + 1] = a1 + b1;
            z[j + 2] = a2 + b2;
            z[j + 3] = a3 + b3;
        }
        for (; j < nOut; j++) {
            z[j] = dot(p, w + j * nIn, in, nIn);
        }
    }

    /** Dot product with eight independent sums. */
    private static float dot(float[] w, int off, float[] a, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            int k = off + i;
            s0 = Math.fma(w[k], a[i], s0);
            s1 = Math.fma(w[k + 1], a[i + 1], s1);
            s2 = Math.fma(w[k + 2], a[i + 2], s2);
            s3 = Math.fma(w[k + 3], a[i + 3], s3);
            s4 = Math.fma(w[k + 4], a[i + 4], s4);
            s5 = Math.fma(w[k + 5], a[i + 5], s5);
            s6 = Math.fma(w[k + 6], a[i + 6], s6);
            s7 = Math.fma(w[k + 7], a[i + 7], s7);
        }
        for (; i < n; i++) {
            // not fused: with rounded products a poison feature near Float.MAX_VALUE overflows as it always
            // has (PoisonStormTest), where an fma's exact product could cancel to a finite sum
            s0 += w[off + i] * a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public void scaledColumn(float[] in, float d, float[] g, int col, int n, boolean accumulate) {
        if (accumulate) {
            for (int i = 0; i < n; i++) {
                g[col + i] = Math.fma(in[i], d, g[col + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                g[col + i] = in[i] * d;
            }
        }
    }

    @Override
    public void zero(float[] g, int from, int n) {
        Arrays.fill(g, from, from + n, 0f);
    }

    @Override
    public void scaledColumnAndBack(float[] in, float d, float[] w, float[] g, int col, float[] below, int n,
                                    boolean accumulate) {
        if (accumulate) {
            for (int i = 0; i < n; i++) {
                g[col + i] = Math.fma(in[i], d, g[col + i]);
                below[i] = Math.fma(w[col + i], d, below[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                g[col + i] = in[i] * d;
                below[i] = Math.fma(w[col + i], d, below[i]);
            }
        }
    }

    @Override
    public void descendColumnAndBack(float[] in, float d, float step, float[] w, int col, float[] below, int n) {
        for (int i = 0; i < n; i++) {
            float wi = w[col + i];
            below[i] = Math.fma(wi, d, below[i]);
            w[col + i] = Math.fma(in[i], step, wi);
        }
    }

    @Override
    public void reluBackward(float[] z, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            d[i] = z[i] > 0 ? d[i] : 0f;
        }
    }

    /** Eight independent float sums, added up in double. */
    @Override
    public double sumOfSquares(float[] v, int from, int to) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            s0 = Math.fma(v[i], v[i], s0);
            s1 = Math.fma(v[i + 1], v[i + 1], s1);
            s2 = Math.fma(v[i + 2], v[i + 2], s2);
            s3 = Math.fma(v[i + 3], v[i + 3], s3);
            s4 = Math.fma(v[i + 4], v[i + 4], s4);
            s5 = Math.fma(v[i + 5], v[i + 5], s5);
            s6 = Math.fma(v[i + 6], v[i + 6], s6);
            s7 = Math.fma(v[i + 7], v[i + 7], s7);
        }
        for (; i < to; i++) {
            s0 = Math.fma(v[i], v[i], s0);
        }
        return (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7));
    }
}

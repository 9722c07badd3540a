package io.sgdscope.trainer.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on {@code jdk.incubator.vector}'s preferred float species: multiply-adds in vector
 * registers, one lane reduction per dot product, scalar tails. The only class that names a vector
 * type: {@link KernelChoice} loads it reflectively, and only when the JVM has the module.
 */
final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    VectorKernels() {
    }

    @Override
    public String name() {
        return "vector " + S.vectorBitSize() + "-bit (" + L + " float lanes)";
    }

    /**
     * Four outputs at a time share every vector load of {@code in}. Inputs shorter than a vector go
     * to the scalar kernels, whose independent sums beat this one's scalar tail.
     */
    @Override
    public void columnDots(float[] p, int w, int nIn, int nOut, float[] in, float[] z) {
        if (nIn < L) {
            ScalarKernels.INSTANCE.columnDots(p, w, nIn, nOut, in, z);
            return;
        }
        int bound = S.loopBound(nIn);
        int j = 0;
        for (; j + 3 < nOut; j += 4) {
            int c0 = w + j * nIn;
            int c1 = c0 + nIn;
            int c2 = c1 + nIn;
            int c3 = c2 + nIn;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                FloatVector x = FloatVector.fromArray(S, in, i);
                a0 = FloatVector.fromArray(S, p, c0 + i).fma(x, a0);
                a1 = FloatVector.fromArray(S, p, c1 + i).fma(x, a1);
                a2 = FloatVector.fromArray(S, p, c2 + i).fma(x, a2);
                a3 = FloatVector.fromArray(S, p, c3 + i).fma(x, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < nIn; i++) {
                float x = in[i];
                s0 = Math.fma(p[c0 + i], x, s0);
                s1 = Math.fma(p[c1 + i], x, s1);
                s2 = Math.fma(p[c2 + i], x, s2);
                s3 = Math.fma(p[c3 + i], x, s3);
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
        for (; j < nOut; j++) {
            z[j] = dot(p, w + j * nIn, in, nIn, bound);
        }
    }

    /** Two vector sums, so consecutive multiply-adds do not wait on each other. */
    private static float dot(float[] w, int off, float[] a, int n, int bound) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            s0 = FloatVector.fromArray(S, w, off + i).fma(FloatVector.fromArray(S, a, i), s0);
            s1 = FloatVector.fromArray(S, w, off + i + L).fma(FloatVector.fromArray(S, a, i + L), s1);
        }
        if (i < bound) {
            s0 = FloatVector.fromArray(S, w, off + i).fma(FloatVector.fromArray(S, a, i), s0);
        }
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (i = bound; i < n; i++) {
            // not fused, as ScalarKernels.dot's tail: the same sum for a row shorter than a vector
            s += w[off + i] * a[i];
        }
        return s;
    }

    @Override
    public void scaledColumn(float[] in, float d, float[] g, int col, int n, boolean accumulate) {
        int bound = S.loopBound(n);
        FloatVector dv = FloatVector.broadcast(S, d);
        int i = 0;
        if (accumulate) {
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, in, i).fma(dv, FloatVector.fromArray(S, g, col + i)).intoArray(g, col + i);
            }
            for (; i < n; i++) {
                g[col + i] = Math.fma(in[i], d, g[col + i]);
            }
        } else {
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, in, i).mul(dv).intoArray(g, col + i);
            }
            for (; i < n; i++) {
                g[col + i] = in[i] * d;
            }
        }
    }

    /** Vector stores: {@code Arrays.fill} of a short range ran as long as a whole scaled column. */
    @Override
    public void zero(float[] g, int from, int n) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            zero.intoArray(g, from + i);
        }
        for (; i < n; i++) {
            g[from + i] = 0f;
        }
    }

    @Override
    public void scaledColumnAndBack(float[] in, float d, float[] w, float[] g, int col, float[] below, int n,
                                    boolean accumulate) {
        int bound = S.loopBound(n);
        FloatVector dv = FloatVector.broadcast(S, d);
        int i = 0;
        if (accumulate) {
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, in, i).fma(dv, FloatVector.fromArray(S, g, col + i)).intoArray(g, col + i);
                FloatVector.fromArray(S, w, col + i).fma(dv, FloatVector.fromArray(S, below, i)).intoArray(below, i);
            }
            for (; i < n; i++) {
                g[col + i] = Math.fma(in[i], d, g[col + i]);
                below[i] = Math.fma(w[col + i], d, below[i]);
            }
        } else {
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, in, i).mul(dv).intoArray(g, col + i);
                FloatVector.fromArray(S, w, col + i).fma(dv, FloatVector.fromArray(S, below, i)).intoArray(below, i);
            }
            for (; i < n; i++) {
                g[col + i] = in[i] * d;
                below[i] = Math.fma(w[col + i], d, below[i]);
            }
        }
    }

    @Override
    public void descendColumnAndBack(float[] in, float d, float step, float[] w, int col, float[] below, int n) {
        int bound = S.loopBound(n);
        FloatVector dv = FloatVector.broadcast(S, d);
        FloatVector sv = FloatVector.broadcast(S, step);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, col + i);
            wv.fma(dv, FloatVector.fromArray(S, below, i)).intoArray(below, i);
            FloatVector.fromArray(S, in, i).fma(sv, wv).intoArray(w, col + i);
        }
        for (; i < n; i++) {
            float wi = w[col + i];
            below[i] = Math.fma(wi, d, below[i]);
            w[col + i] = Math.fma(in[i], step, wi);
        }
    }

    /** A lane mask and a blend: no branch, which random signs would mispredict half the time. */
    @Override
    public void reluBackward(float[] z, float[] d, int n) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, z, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, d, i), on).intoArray(d, i);
        }
        for (; i < n; i++) {
            d[i] = z[i] > 0 ? d[i] : 0f;
        }
    }

    @Override
    public double sumOfSquares(float[] v, int from, int to) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = from;
        for (; i + 2 * L <= to; i += 2 * L) {
            FloatVector x0 = FloatVector.fromArray(S, v, i);
            FloatVector x1 = FloatVector.fromArray(S, v, i + L);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
        }
        if (i + L <= to) {
            FloatVector x0 = FloatVector.fromArray(S, v, i);
            s0 = x0.fma(x0, s0);
            i += L;
        }
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s = Math.fma(v[i], v[i], s);
        }
        return s;
    }
}

package io.sgdscope.trainer.model;

/**
 * The float loops a training step spends its time in: the dense layers' dot products, the
 * backward pass's scaled columns, and the sum of squares of a gradient norm. Two implementations:
 * {@link ScalarKernels} (plain Java, any JVM) and {@link VectorKernels} ({@code jdk.incubator.vector}),
 * which sum in a different order, so their results agree within float rounding, not bit for bit.
 * {@link #active()} is chosen once per JVM.
 */
public interface Kernels {

    /** What this implementation is, for logs and benchmark reports ("scalar", "vector 512-bit ..."). */
    String name();

    /**
     * {@code z[j] = sum_i w[off + j * nIn + i] * in[i]} for every {@code j < nOut}: W's columns are
     * contiguous, so each output is one dot product with {@code in}.
     */
    void columnDots(float[] w, int off, int nIn, int nOut, float[] in, float[] z);

    /** {@code g[col + i] = in[i] * d}, or {@code += } it when {@code accumulate}, for {@code i < n}. */
    void scaledColumn(float[] in, float d, float[] g, int col, int n, boolean accumulate);

    /** {@code g[from + i] = 0} for {@code i < n}: the gradient column of a unit that passed nothing back. */
    void zero(float[] g, int from, int n);

    /**
     * {@link #scaledColumn} and, in the same pass over column {@code col} of W,
     * {@code below[i] += w[col + i] * d}: a dense layer's weight gradient and its contribution to the
     * layer below's delta.
     */
    void scaledColumnAndBack(float[] in, float d, float[] w, float[] g, int col, float[] below, int n,
                             boolean accumulate);

    /**
     * One SGD step on column {@code col} of W fused into its backward pass: {@code below[i] += w[col + i] * d}
     * with W as it was, then {@code w[col + i] += in[i] * step} (the caller's {@code step} is {@code -lr d}),
     * in one pass over the column instead of a gradient written and then applied.
     */
    void descendColumnAndBack(float[] in, float d, float step, float[] w, int col, float[] below, int n);

    /**
     * ReLU's backward: {@code d[i] = z[i] > 0 ? d[i] : 0} for {@code i < n} (a NaN pre-activation
     * passes nothing down, as the forward's {@code max} keeps it NaN).
     */
    void reluBackward(float[] z, float[] d, int n);

    /**
     * Sum of {@code v[i]^2} over {@code [from, to)}, in float arithmetic (the caller keeps blocks
     * short enough for float's precision and sums blocks in double); infinite if it overflows.
     */
    double sumOfSquares(float[] v, int from, int to);

    /** Elements per float partial sum of {@link #norm}; the partial sums add up in double. */
    int NORM_BLOCK = 1024;

    /**
     * L2 norm. Squares are summed with float multiply-adds ({@link #sumOfSquares}: vector lanes or
     * eight independent sums) per block of {@value #NORM_BLOCK} (twice as fast as converting each
     * element to double; the training thread computes this every step), the blocks' sums in double,
     * so the relative error stays near float's epsilon. If a float sum overflows, the norm is summed
     * again in double, so a huge finite vector is not mistaken for an infinite one.
     */
    default double norm(float[] v) {
        double total = 0;
        for (int from = 0; from < v.length; from += NORM_BLOCK) {
            total += sumOfSquares(v, from, Math.min(v.length, from + NORM_BLOCK));
        }
        return Double.isFinite(total) ? Math.sqrt(total) : normInDouble(v);
    }

    /** The L2 norm summed in double throughout: finite for any finite input. */
    static double normInDouble(float[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 7 < v.length; i += 8) {
            s0 += (double) v[i] * v[i];
            s1 += (double) v[i + 1] * v[i + 1];
            s2 += (double) v[i + 2] * v[i + 2];
            s3 += (double) v[i + 3] * v[i + 3];
            s4 += (double) v[i + 4] * v[i + 4];
            s5 += (double) v[i + 5] * v[i + 5];
            s6 += (double) v[i + 6] * v[i + 6];
            s7 += (double) v[i + 7] * v[i + 7];
        }
        for (; i < v.length; i++) {
            s0 += (double) v[i] * v[i];
        }
        return Math.sqrt(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
    }

    /**
     * The kernels this JVM uses: vector ones if the JVM was started with
     * {@code --add-modules jdk.incubator.vector}, else scalar. Chosen once, on first use.
     */
    static Kernels active() {
        return KernelChoice.ACTIVE;
    }

    /** The scalar kernels, on any JVM. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The vector kernels.
     *
     * @throws IllegalStateException if this JVM was started without {@code jdk.incubator.vector}
     */
    static Kernels vector() {
        return KernelChoice.vector().orElseThrow(() -> new IllegalStateException(
                "the vector kernels need the JVM flag --add-modules " + KernelChoice.VECTOR_MODULE));
    }
}

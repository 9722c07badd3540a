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

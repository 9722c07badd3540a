package io.sgdscope.trainer.insight;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Feature rank: how many principal components of a layer's activations over a window are needed
 * to explain a given fraction of their variance.
 */
public final class FeatureRank {

    /** The fraction of variance the trainer asks for by default. */
    public static final double DEFAULT_VARIANCE_FRACTION = 0.99;

    private FeatureRank() {
    }

    /** Rows centred and multiplied together per block, so each pass over the scatter matrix serves this many rows. */
    private static final int BLOCK = 4;

    /**
     * Adds the upper triangle of Σ_r (x_r − mean)(x_r − mean)ᵀ into {@code c} (the 1/(rows−1)
     * factor cancels in the fraction). Rows go four at a time, so the cols x cols matrix, which
     * does not fit in the L1 cache at 128 columns, is read and written a quarter as often.
     */
    private static void accumulateUpperScatter(float[] x, int rows, int cols, double[] mean, double[] c) {
        double[] a = new double[cols];
        double[] b = new double[cols];
        double[] d = new double[cols];
        double[] e = new double[cols];
        int r = 0;
        for (; r + BLOCK <= rows; r += BLOCK) {
            centre(x, r * cols, mean, a);
            centre(x, (r + 1) * cols, mean, b);
            centre(x, (r + 2) * cols, mean, d);
            centre(x, (r + 3) * cols, mean, e);
            for (int i = 0; i < cols; i++) {
                double ai = a[i];
                double bi = b[i];
                double di = d[i];
                double ei = e[i];
                int row = i * cols;
                for (int j = i; j < cols; j++) {
                    c[row + j] += ai * a[j] + bi * b[j] + di * d[j] + ei * e[j];
                }
            }
        }
        for (; r < rows; r++) {
            centre(x, r * cols, mean, a);
            for (int i = 0; i < cols; i++) {
                double ai = a[i];
                int row = i * cols;
                for (int j = i; j < cols; j++) {
                    c[row + j] += ai * a[j];
                }
            }
        }
    }

    private static void centre(float[] x, int off, double[] mean, double[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] = x[off + j] - mean[j];
        }
    }

    /**
     * The smallest k such that the k largest eigenvalues of the covariance of the centred rows sum
     * to at least {@code varianceFraction} of the total variance (the trace).
     *
     * <p>Computed from the {@code cols x cols} covariance (accumulated in double precision) and
     * EJML's symmetric eigen-decomposition (values only); eigenvalues below 0 from rounding count
     * as 0. Returns 0 when there is no variance: fewer than 2 rows, or every column constant. With
     * {@code varianceFraction} 1 rounding can make it count components that only carry rounding
     * noise; use a fraction below 1.
     *
     * @param rowMajor         {@code rows x cols} activations, row r at {@code r * cols}; only
     *                         the first {@code rows * cols} values are read, none is modified
     * @param varianceFraction in (0, 1]
     * @throws IllegalArgumentException if the shape does not fit, a value is not finite or the
     *                                  fraction is out of range
     */
    public static int components(float[] rowMajor, int rows, int cols, double varianceFraction) {
        Args.matrix(rowMajor.length, rows, cols);
        if (!(varianceFraction > 0 && varianceFraction <= 1)) {
            throw new IllegalArgumentException("varianceFraction must be in (0, 1], got " + varianceFraction);
        }
        if (rows < 2 || cols == 0) {
            return 0;
        }
        double[] mean = new double[cols];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int j = 0; j < cols; j++) {
                float v = rowMajor[off + j];
                Args.finite(v, "rowMajor", off + j);
                mean[j] += v;
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
        }
        DMatrixRMaj cov = new DMatrixRMaj(cols, cols);
        double[] c = cov.data;
        accumulateUpperScatter(rowMajor, rows, cols, mean, c);
        double trace = 0;
        for (int i = 0; i < cols; i++) {
            trace += c[i * cols + i];
            for (int j = i + 1; j < cols; j++) {
                c[j * cols + i] = c[i * cols + j];
            }
        }
        if (trace == 0) {
            return 0;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(cols, false, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("EJML's symmetric eigen-decomposition did not converge on a " + cols
                    + " x " + cols + " covariance");
        }
        int n = eig.getNumberOfEigenvalues();
        double[] values = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            values[i] = Math.max(0, eig.getEigenvalue(i).getReal());
            total += values[i];
        }
        if (total == 0) {
            return 0;
        }
        Arrays.sort(values);
        double target = varianceFraction * total;
        double cumulative = 0;
        int k = 0;
        for (int i = n - 1; i >= 0; i--) {
            cumulative += values[i];
            k++;
            if (cumulative >= target) {
                return k;
            }
        }
        return k;
    }
}

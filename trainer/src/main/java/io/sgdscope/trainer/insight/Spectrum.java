package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.model.ParamLayout;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The singular values of a weight matrix, in descending order, and the rank measures derived from
 * them. Computed with EJML's SVD (values only, no U or V).
 *
 * <p><b>The all-zero matrix</b> (every singular value 0, including a matrix with no entries):
 * {@link #spectralNorm()} and {@link #frobeniusNorm()} are 0, and {@link #stableRank()},
 * {@link #effectiveRank()} and {@link #numericalRank(double)} are all 0, the rank of the zero
 * matrix, rather than the 0/0 the formulas would give.
 *
 * @param singularValues descending, finite and non-negative; copied in and out
 */
public record Spectrum(double[] singularValues) {

    public Spectrum {
        singularValues = singularValues.clone();
        for (int i = 0; i < singularValues.length; i++) {
            double s = singularValues[i];
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("singular value " + i + " must be finite and >= 0, got " + s);
            }
            if (i > 0 && s > singularValues[i - 1]) {
                throw new IllegalArgumentException("singular values must be descending: value " + i + " (" + s
                        + ") exceeds value " + (i - 1) + " (" + singularValues[i - 1] + ")");
            }
        }
    }

    /** The spectrum of {@code m}; {@code m} is not modified. */
    public static Spectrum of(DMatrixRMaj m) {
        return new Svd(m.numRows, m.numCols).of(m);
    }

    /**
     * The spectrum of a dense layer's weights W (nIn x nOut, column-major at
     * {@code layer.offset()}: W[i][j] at {@code offset + i + j * nIn}, see {@link ParamLayout}).
     * The bias is not part of it. {@code params} is not modified.
     */
    public static Spectrum ofDenseLayer(float[] params, ParamLayout.Layer layer) {
        return new Svd(layer.nOut(), layer.nIn()).ofDenseLayer(params, layer);
    }

    /** The singular values, descending (a copy). */
    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** Number of singular values, min(rows, cols). */
    public int size() {
        return singularValues.length;
    }

    /** The eigenvalues of WᵀW, λ = σ², descending: the input of {@link PowerLawFit#fit}. */
    public double[] eigenvalues() {
        double[] l = new double[singularValues.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = singularValues[i] * singularValues[i];
        }
        return l;
    }

    /** ‖W‖₂ = σmax; 0 for an empty or zero matrix. */
    public double spectralNorm() {
        return singularValues.length == 0 ? 0 : singularValues[0];
    }

    /** ‖W‖_F = sqrt(Σσ²). */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : singularValues) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** ‖W‖_F² / ‖W‖₂² = Σσ²/σmax², in [1, min(rows, cols)]; 0 for the zero matrix. */
    public double stableRank() {
        double max = spectralNorm();
        if (max == 0) {
            return 0;
        }
        double s = 0;
        for (double v : singularValues) {
            double r = v / max;
            s += r * r;
        }
        return s;
    }

    /**
     * exp(H(p)) with p = σ/Σσ and H(p) = -Σ p ln p (0 ln 0 = 0), Roy and Vetterli's effective
     * rank: in [1, min(rows, cols)]; n for any multiple of an orthogonal n x n matrix, 1 for rank
     * one; 0 for the zero matrix.
     */
    public double effectiveRank() {
        double sum = 0;
        for (double v : singularValues) {
            sum += v;
        }
        if (sum == 0) {
            return 0;
        }
        double h = 0;
        for (double v : singularValues) {
            if (v > 0) {
                double p = v / sum;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /**
     * #{σ > tol·σmax}: the number of singular values above a fraction {@code tol} of the largest;
     * 0 for the zero matrix. Parameters are floats, so a {@code tol} below about 1e-6 counts
     * rounding noise as rank.
     *
     * @param tol in [0, 1]
     */
    public int numericalRank(double tol) {
        Args.within(tol, 0, 1, "tol");
        double cut = tol * spectralNorm();
        int r = 0;
        while (r < singularValues.length && singularValues[r] > cut) {
            r++;
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(singularValues, s.singularValues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(singularValues);
    }

    @Override
    public String toString() {
        return "Spectrum" + Arrays.toString(singularValues);
    }

    /**
     * A reusable SVD for matrices of one shape: it keeps EJML's decomposer and a work matrix, so
     * repeated spectra of the same layer allocate little. Not thread-safe; one per thread.
     */
    public static final class Svd {

        private final int rows;
        private final int cols;
        private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
        private final DMatrixRMaj work;

        /** For {@code rows x cols} matrices; for a dense layer, {@code nOut x nIn} (Wᵀ, same spectrum). */
        public Svd(int rows, int cols) {
            if (rows < 0 || cols < 0) {
                throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + " x " + cols);
            }
            this.rows = rows;
            this.cols = cols;
            this.svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
            this.work = new DMatrixRMaj(rows, cols);
        }

        /** The spectrum of {@code m}, which must be {@code rows x cols}; {@code m} is not modified. */
        public Spectrum of(DMatrixRMaj m) {
            if (m.numRows != rows || m.numCols != cols) {
                throw new IllegalArgumentException("matrix is " + m.numRows + " x " + m.numCols + ", this SVD is for "
                        + rows + " x " + cols);
            }
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                Args.finite(m.data[i], "matrix", i);
            }
            work.setTo(m);
            return decompose();
        }

        /**
         * The spectrum of a dense layer's W; this SVD must be {@code nOut x nIn}. The column-major
         * nIn x nOut block is read as the row-major nOut x nIn matrix Wᵀ, whose singular values
         * are W's, so nothing is transposed.
         */
        public Spectrum ofDenseLayer(float[] params, ParamLayout.Layer layer) {
            if (layer.kind() != ParamLayout.LayerKind.DENSE) {
                throw new IllegalArgumentException("layer is " + layer.kind() + ", not a dense layer");
            }
            if (layer.nOut() != rows || layer.nIn() != cols) {
                throw new IllegalArgumentException("layer is " + layer.nIn() + " x " + layer.nOut()
                        + " (nIn x nOut), this SVD is for nOut x nIn = " + rows + " x " + cols);
            }
            int off = layer.offset();
            int n = rows * cols;
            if (off < 0 || off + n > params.length) {
                throw new IllegalArgumentException("layer's weights [" + off + ", " + (off + n)
                        + ") are not within params of " + params.length + " values");
            }
            double[] d = work.data;
            for (int i = 0; i < n; i++) {
                float v = params[off + i];
                Args.finite(v, "params", off + i);
                d[i] = v;
            }
            return decompose();
        }

        private Spectrum decompose() {
            if (rows == 0 || cols == 0) {
                return new Spectrum(new double[0]);
            }
            if (!svd.decompose(work)) {
                throw new IllegalStateException("EJML's SVD did not converge on a " + rows + " x " + cols
                        + " matrix");
            }
            double[] raw = svd.getSingularValues();
            int k = svd.numberOfSingularValues();
            double[] s = new double[k];
            for (int i = 0; i < k; i++) {
                // EJML may return -0.0 or values in any order
                s[i] = Math.abs(raw[i]);
            }
            Arrays.sort(s);
            for (int i = 0, j = k - 1; i < j; i++, j--) {
                double t = s[i];
                s[i] = s[j];
                s[j] = t;
            }
            return new Spectrum(s);
        }
    }
}

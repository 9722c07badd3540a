package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelExecutor;

/**
 * Hessian-vector products of the executor's mean batch loss by a central difference of its float
 * gradient, {@code Hv ≈ (∇L(θ + hv) − ∇L(θ − hv)) / 2h}: two gradient evaluations, no
 * second-order code in the executors. The product is taken along the perturbation actually
 * realised in float, d = (fl(θ + hv) − fl(θ − hv)) / 2, so that the quotient dᵀHd/dᵀd is of the
 * vector really probed (see {@link HessianPowerIteration} for the choice of h). Shared by the
 * power iteration (sharpness) and the Hutchinson trace on the metrics thread: one set of buffers
 * per model. Not thread-safe.
 */
final class HessianVectorProduct {

    /** h = STEP_SCALE · max(1, rms(θ)); about u^{1/3} for float32 (u = 2^-24). */
    static final double STEP_SCALE = 4e-3;

    private final ModelExecutor executor;
    private final int numParams;
    /** The realised half-perturbation (fl(θ + hv) − fl(θ − hv)) / 2. */
    private final double[] d;
    /** (g₊ − g₋) / 2 − shift·d ≈ (H − shift·I) d. */
    private final double[] w;
    private final float[] plus;
    private final float[] minus;
    private final float[] gradPlus;
    private final float[] gradMinus;

    HessianVectorProduct(ModelExecutor executor, int numParams) {
        if (numParams < 1) {
            throw new IllegalArgumentException("numParams must be >= 1, got " + numParams);
        }
        this.executor = executor;
        this.numParams = numParams;
        this.d = new double[numParams];
        this.w = new double[numParams];
        this.plus = new float[numParams];
        this.minus = new float[numParams];
        this.gradPlus = new float[numParams];
        this.gradMinus = new float[numParams];
    }

    int numParams() {
        return numParams;
    }

    ModelExecutor executor() {
        return executor;
    }

    /** The finite-difference step for parameters whose squared norm is {@code sumSquares}. */
    static double step(double sumSquares, int numParams) {
        return STEP_SCALE * Math.max(1.0, Math.sqrt(sumSquares / numParams));
    }

    /**
     * One product along the unit vector {@code v}: fills {@link #d()} and {@link #w()} with
     * {@code w = (H − shift·I) d} and returns dᵀw / dᵀd, the Rayleigh quotient of H − shift·I at d;
     * NaN if a loss was not finite.
     */
    double quotient(float[] params, Batch batch, double h, double[] v, double shift) {
        for (int i = 0; i < numParams; i++) {
            double step = h * v[i];
            plus[i] = (float) (params[i] + step);
            minus[i] = (float) (params[i] - step);
            d[i] = ((double) plus[i] - minus[i]) * 0.5;
        }
        double lossPlus = executor.lossAndGradient(plus, batch, gradPlus);
        double lossMinus = executor.lossAndGradient(minus, batch, gradMinus);
        if (!Double.isFinite(lossPlus) || !Double.isFinite(lossMinus)) {
            return Double.NaN;
        }
        double dw = 0;
        double dd = 0;
        for (int i = 0; i < numParams; i++) {
            double wi = ((double) gradPlus[i] - gradMinus[i]) * 0.5 - shift * d[i];
            w[i] = wi;
            dw += d[i] * wi;
            dd += d[i] * d[i];
        }
        return dd > 0 ? dw / dd : Double.NaN;
    }

    /** The realised perturbation of the last {@link #quotient} call (a view). */
    double[] d() {
        return d;
    }

    /** The product of the last {@link #quotient} call (a view). */
    double[] w() {
        return w;
    }

    /** A gradient buffer callers may use between products (a view; the next product overwrites it). */
    float[] scratchGradient() {
        return gradPlus;
    }
}

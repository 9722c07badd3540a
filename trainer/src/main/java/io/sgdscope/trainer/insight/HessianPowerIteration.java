package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.optim.Vectors;
import java.util.SplittableRandom;

/**
 * Sharpness: the largest eigenvalue λmax of the Hessian of the mean batch loss, by power
 * iteration on Hessian-vector products. Each product is a central difference of the executor's
 * float gradient, {@code Hv ≈ (∇L(θ + hv) − ∇L(θ − hv)) / 2h}: two gradient evaluations, no
 * second-order code in the executors.
 *
 * <p><b>The step h.</b> Three errors, measured on a quadratic (exact Hessian) and on MLPs against
 * double-precision references (see trainer/README.md):
 * <ol>
 *   <li>θ ± hv is rounded to float, which perturbs the direction by up to u·|θᵢ| per component
 *       (u = 2⁻²⁴). This is removed rather than made small: the iteration uses the perturbation
 *       actually realised, d = (fl(θ + hv) − fl(θ − hv)) / 2 (exact in double), as its vector, so
 *       (g₊ − g₋)/2 ≈ Hd and the Rayleigh quotient dᵀHd/dᵀd is of the vector really probed.</li>
 *   <li>The float gradient carries a rounding error ε of order u times the per-row gradient terms
 *       it sums; it enters the product as ε/h, a relative error ε/(h·λ). This wants h large.</li>
 *   <li>Truncation: the third derivative enters as O(h²) (zero on a quadratic). This wants h
 *       small, and for ReLU nets so do the kinks crossed between θ − hv and θ + hv.</li>
 * </ol>
 * The balance of the last two is h ~ u^{1/3} (about 4e-3) in the units of the parameters, so h
 * is {@value #STEP_SCALE} · max(1, ‖θ‖/√n), where ‖θ‖/√n is the root-mean-square parameter:
 * v has norm 1, so its components are ~1/√n and each moves by ~h/√n, a relative change of about
 * h/(√n·rms) per parameter whatever the model's size.
 *
 * <p><b>Iteration.</b> The Rayleigh quotient is iterated until its relative change is below the
 * tolerance. Power iteration finds the eigenvalue of largest magnitude; when the quotient comes
 * out well below ‖Hv‖/‖v‖ (a saddle region where a negative eigenvalue dominates, or a ± pair of
 * equal size) the iteration continues, with a fresh budget, on the shifted operator H + ρ·I,
 * ρ = ‖Hv‖/‖v‖ ≥ |λmin|, whose largest eigenvalue λmax + ρ is also its largest in magnitude.
 * Each call starts from the previous call's vector (the caller estimates every K steps on nearby
 * parameters, so it is already close to the top eigenvector), and the first time from a seeded
 * random vector.
 *
 * <p><b>Threads.</b> Executors are not thread-safe: give this class its own executor instance,
 * never the training thread's, and run it on a background thread with a snapshot of the
 * parameters. Buffers are allocated once; {@link #estimate} allocates nothing but its result.
 * Not thread-safe itself.
 */
public final class HessianPowerIteration {

    /** h = STEP_SCALE · max(1, rms(θ)); about u^{1/3} for float32 (u = 2^-24). */
    static final double STEP_SCALE = HessianVectorProduct.STEP_SCALE;

    /** The result of one call. NaN sharpness when the parameters, loss or a product were not finite. */
    public record Estimate(double sharpness, int iterations, boolean converged, double loss, double gradientNorm) {

        static Estimate nan(int iterations, double loss, double gradientNorm) {
            return new Estimate(Double.NaN, iterations, false, loss, gradientNorm);
        }
    }

    private final HessianVectorProduct hvp;
    private final int numParams;
    private final SplittableRandom rng;
    /** The current unit vector; kept between calls as the warm start. */
    private final double[] v;
    private boolean warm;

    public HessianPowerIteration(ModelExecutor executor, int numParams, long seed) {
        this(new HessianVectorProduct(executor, numParams), seed);
    }

    /** On products shared with other estimators of the same model (the Hutchinson trace). */
    HessianPowerIteration(HessianVectorProduct hvp, long seed) {
        this.hvp = hvp;
        this.numParams = hvp.numParams();
        this.rng = new SplittableRandom(seed);
        this.v = new double[numParams];
    }

    /**
     * Estimates λmax of the Hessian of the executor's mean loss over {@code batch} at
     * {@code params}, which are not modified. Each iteration costs two gradient evaluations,
     * plus one for the loss and gradient norm at {@code params}.
     *
     * @param maxIterations     Hessian-vector products at most, >= 2
     * @param relativeTolerance stop when the Rayleigh quotient changes by less than this, relatively
     */
    public Estimate estimate(float[] params, Batch batch, int maxIterations, double relativeTolerance) {
        if (params.length != numParams) {
            throw new IllegalArgumentException("params has " + params.length + " values, this estimator was built for "
                    + numParams);
        }
        if (maxIterations < 2) {
            throw new IllegalArgumentException("maxIterations must be >= 2 (convergence compares two quotients), got "
                    + maxIterations);
        }
        if (!(relativeTolerance > 0) || Double.isInfinite(relativeTolerance)) {
            throw new IllegalArgumentException("relativeTolerance must be > 0 and finite, got " + relativeTolerance);
        }
        double sumSquares = 0;
        for (float p : params) {
            sumSquares += (double) p * p;
        }
        if (!Double.isFinite(sumSquares)) {
            return Estimate.nan(0, Double.NaN, Double.NaN);
        }
        float[] gradient = hvp.scratchGradient();
        double loss = hvp.executor().lossAndGradient(params, batch, gradient);
        double gradientNorm = Vectors.norm(gradient);
        if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm)) {
            return Estimate.nan(0, loss, gradientNorm);
        }
        double h = step(sumSquares, numParams);
        if (!warm) {
            randomUnit();
        }
        double shift = 0;
        double previous = Double.NaN;
        double quotient = Double.NaN;
        int budget = maxIterations;
        int it = 0;
        while (it < budget) {
            it++;
            quotient = hvp.quotient(params, batch, h, v, shift);
            if (!Double.isFinite(quotient)) {
                warm = false;
                return Estimate.nan(it, loss, gradientNorm);
            }
            double[] w = hvp.w();
            double wNorm = norm(w) / norm(hvp.d());
            if (wNorm == 0) {
                // Hv = 0 exactly: v lies in the null space (or H = 0); no direction to follow
                warm = false;
                return new Estimate(quotient + shift, it, false, loss, gradientNorm);
            }
            double scale = norm(w);
            for (int i = 0; i < numParams; i++) {
                v[i] = w[i] / scale;
            }
            boolean settled = !Double.isNaN(previous)
                    && Math.abs(quotient - previous) <= relativeTolerance * Math.abs(quotient);
            if (shift == 0 && (settled || it == budget) && quotient < 0.5 * wNorm) {
                // ‖Hv‖/‖v‖ tends to the largest |λ|, the quotient to λmax only if that one dominates: here
                // a negative eigenvalue dominates, or a ± pair of equal size keeps v swinging between them.
                // H + ‖Hv‖·I has the same top eigenvector and no eigenvalue of larger magnitude.
                shift = -wNorm;
                previous = Double.NaN;
                budget = it + maxIterations;
                continue;
            }
            if (settled) {
                warm = true;
                return new Estimate(quotient + shift, it, true, loss, gradientNorm);
            }
            previous = quotient;
        }
        warm = true;
        return new Estimate(quotient + shift, it, false, loss, gradientNorm);
    }

    /** Forgets the warm-start vector: the next call starts from a fresh random vector. */
    public void reset() {
        warm = false;
    }

    /** The finite-difference step for parameters whose squared norm is {@code sumSquares}. */
    static double step(double sumSquares, int numParams) {
        return HessianVectorProduct.step(sumSquares, numParams);
    }

    private void randomUnit() {
        double s = 0;
        for (int i = 0; i < numParams; i++) {
            v[i] = rng.nextGaussian();
            s += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < numParams; i++) {
            v[i] *= inv;
        }
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}

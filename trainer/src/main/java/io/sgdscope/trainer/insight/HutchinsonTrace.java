package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelExecutor;
import java.util.SplittableRandom;

/**
 * The trace of the Hessian of the mean batch loss by Hutchinson's estimator: tr(H) = E[zᵀHz] for
 * a Rademacher z (independent ±1 components), averaged over {@code probes} draws. Each draw is one
 * {@link HessianVectorProduct} (two gradient evaluations) along the unit vector u = z/√n, whose
 * quotient uᵀHu, times n = zᵀz, is the draw zᵀHz.
 *
 * <p>The standard error is the draws' sample standard deviation over √probes (NaN for one probe).
 * Rademacher probes give the smallest variance among such estimators, 2·Σ_{i≠j} H_ij²: zero for a
 * diagonal Hessian, so the estimate is then exact up to the finite difference.
 *
 * <p>Draws come from a seeded generator that continues across calls. Not thread-safe; run it on
 * the metrics thread with its own executor.
 */
public final class HutchinsonTrace {

    /** The result of one call; NaN values when the parameters or a loss were not finite. */
    public record Estimate(double trace, double standardError, int probes) {

        public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, 0);
    }

    private final HessianVectorProduct hvp;
    private final int numParams;
    private final SplittableRandom rng;
    private final double[] u;

    public HutchinsonTrace(ModelExecutor executor, int numParams, long seed) {
        this(new HessianVectorProduct(executor, numParams), seed);
    }

    /** On products shared with other estimators of the same model (the power iteration). */
    HutchinsonTrace(HessianVectorProduct hvp, long seed) {
        this.hvp = hvp;
        this.numParams = hvp.numParams();
        this.rng = new SplittableRandom(seed);
        this.u = new double[numParams];
    }

    /**
     * Estimates tr(H) at {@code params} (not modified) over {@code batch} with {@code probes}
     * Rademacher draws, each costing two gradient evaluations.
     *
     * @param probes >= 1
     */
    public Estimate estimate(float[] params, Batch batch, int probes) {
        if (params.length != numParams) {
            throw new IllegalArgumentException("params has " + params.length + " values, this estimator was built for "
                    + numParams);
        }
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be >= 1, got " + probes);
        }
        double sumSquares = 0;
        for (float p : params) {
            sumSquares += (double) p * p;
        }
        if (!Double.isFinite(sumSquares)) {
            return Estimate.NONE;
        }
        double h = HessianVectorProduct.step(sumSquares, numParams);
        double component = 1 / Math.sqrt(numParams);
        // Welford's running mean and sum of squared deviations of the draws
        double mean = 0;
        double m2 = 0;
        for (int k = 1; k <= probes; k++) {
            for (int i = 0; i < numParams; i++) {
                u[i] = rng.nextBoolean() ? component : -component;
            }
            double draw = numParams * hvp.quotient(params, batch, h, u, 0);
            if (!Double.isFinite(draw)) {
                return new Estimate(Double.NaN, Double.NaN, k);
            }
            double delta = draw - mean;
            mean += delta / k;
            m2 += delta * (draw - mean);
        }
        double stdError = probes < 2 ? Double.NaN : Math.sqrt(m2 / (probes - 1) / probes);
        return new Estimate(mean, stdError, probes);
    }
}

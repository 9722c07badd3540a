package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sharpness-aware minimisation (Foret et al.): step with the gradient taken at
 * theta + rho * g / ||g||. With micro-batch size m (m-sharpness) each micro-batch gets its own
 * perturbation and the perturbed gradients are averaged; m = 0 means the whole batch.
 * The update rule itself (momentum, weight decay) is the base optimizer's.
 */
public final class SamOptimizer implements Optimizer {

    private static final double EPS = 1e-12;

    private final double rho;
    private final int microBatch;
    private final SgdOptimizer base;
    private float[] grad;
    private float[] fullGrad;
    private float[] perturbedGrad;
    private float[] sharpGrad;
    private float[] perturbed;

    public SamOptimizer(double rho, int microBatch, SgdOptimizer base) {
        if (!(rho > 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be > 0, got " + rho);
        }
        if (microBatch < 0) {
            throw new IllegalArgumentException("micro-batch must be >= 0 (0 = whole batch), got " + microBatch);
        }
        this.rho = rho;
        this.microBatch = microBatch;
        this.base = base;
    }

    @Override
    public void initialise(int numParams) {
        base.initialise(numParams);
        grad = new float[numParams];
        fullGrad = new float[numParams];
        perturbedGrad = new float[numParams];
        sharpGrad = new float[numParams];
        perturbed = new float[numParams];
    }

    @Override
    public double step(float[] params, Objective objective, Batch batch, double learningRate) {
        base.requireInitialised(params);
        int n = batch.size();
        int m = microBatch == 0 || microBatch >= n ? n : microBatch;
        java.util.Arrays.fill(fullGrad, 0);
        java.util.Arrays.fill(sharpGrad, 0);
        double loss = 0;
        for (int from = 0; from < n; from += m) {
            int to = Math.min(n, from + m);
            Batch part = m == n ? batch : batch.slice(from, to);
            double weight = (double) (to - from) / n;
            double partLoss = objective.lossAndGradient(params, part, grad);
            double norm = Vectors.norm(grad);
            if (!Double.isFinite(partLoss) || !Double.isFinite(norm)) {
                return Double.isFinite(partLoss) ? Double.NaN : partLoss;
            }
            double scale = rho / (norm + EPS);
            for (int i = 0; i < params.length; i++) {
                perturbed[i] = (float) (params[i] + scale * grad[i]);
                fullGrad[i] += (float) (weight * grad[i]);
            }
            double sharpLoss = objective.lossAndGradient(perturbed, part, perturbedGrad);
            if (!Double.isFinite(sharpLoss) || !Double.isFinite(Vectors.norm(perturbedGrad))) {
                return Double.NaN;
            }
            for (int i = 0; i < params.length; i++) {
                sharpGrad[i] += (float) (weight * perturbedGrad[i]);
            }
            loss += weight * partLoss;
        }
        base.recordGradientNorm(Vectors.norm(fullGrad));
        base.apply(params, sharpGrad, learningRate, Double.NaN);
        return loss;
    }

    @Override
    public double lastGradientNorm() {
        return base.lastGradientNorm();
    }

    @Override
    public double lastUpdateNorm() {
        return base.lastUpdateNorm();
    }

    @Override
    public SamOptimizer copy() {
        return new SamOptimizer(rho, microBatch, base.copy());
    }

    @Override
    public void reset() {
        base.reset();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(base.settings());
        s.put("opt", "sam");
        s.put("base", base.settings().get("opt"));
        s.put("rho", rho);
        s.put("micro-batch", microBatch);
        return s;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        base.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        base.readState(in);
    }
}

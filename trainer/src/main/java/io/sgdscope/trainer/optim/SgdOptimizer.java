package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with optional heavy-ball or Nesterov momentum and coupled weight decay:
 * g = grad + wd*theta; v = mu*v + g; theta -= lr * (nesterov ? g + mu*v : v).
 * With mu = 0 this is plain SGD and keeps no buffer.
 */
public final class SgdOptimizer implements Optimizer {

    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private float[] grad;
    private float[] velocity;
    private double lastGradNorm = Double.NaN;
    private double lastUpdateNorm = Double.NaN;

    public SgdOptimizer(double momentum, boolean nesterov, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs momentum > 0");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    public static SgdOptimizer plain() {
        return new SgdOptimizer(0, false, 0);
    }

    @Override
    public void initialise(int numParams) {
        grad = new float[numParams];
        velocity = momentum > 0 ? new float[numParams] : null;
        lastGradNorm = Double.NaN;
        lastUpdateNorm = Double.NaN;
    }

    @Override
    public double step(float[] params, Objective objective, Batch batch, double learningRate) {
        requireInitialised(params);
        if (isPlain() && objective.descends(batch)) {
            return descend(params, objective, batch, learningRate);
        }
        double loss = objective.lossAndGradient(params, batch, grad);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        double norm = objective.lastGradientNorm();
        if (Double.isNaN(norm)) {
            // not known without a pass (or NaN, which the pass finds again)
            norm = Vectors.norm(grad);
        }
        if (!Double.isFinite(norm)) {
            return Double.NaN;
        }
        lastGradNorm = norm;
        apply(params, grad, learningRate, norm);
        return loss;
    }

    /**
     * Plain SGD through the objective's fused step (no gradient written, no update pass). A step whose
     * gradient was not finite has already moved the parameters: it reports divergence, and the caller
     * restores them as after any non-finite step.
     */
    private double descend(float[] params, Objective objective, Batch batch, double learningRate) {
        double loss = objective.descend(params, batch, learningRate);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        double norm = objective.lastGradientNorm();
        if (!Double.isFinite(norm)) {
            return Double.NaN;
        }
        lastGradNorm = norm;
        lastUpdateNorm = (float) learningRate * norm;
        return loss;
    }

    /**
     * The update rule alone, for optimizers that choose the gradient themselves (SAM). May
     * overwrite {@code g}; {@code gNorm} is its norm if the caller has it, else NaN.
     */
    void apply(float[] params, float[] g, double learningRate, double gNorm) {
        float lr = (float) learningRate;
        if (isPlain()) {
            // plain SGD: a loop the JIT vectorises, and the update norm is lr * |g|
            float minusLr = -lr;
            for (int i = 0; i < params.length; i++) {
                params[i] = Math.fma(minusLr, g[i], params[i]);
            }
            lastUpdateNorm = lr * (Double.isNaN(gNorm) ? Vectors.norm(g) : gNorm);
            return;
        }
        float wd = (float) weightDecay;
        float mu = (float) momentum;
        for (int i = 0; i < params.length; i++) {
            float gi = g[i] + wd * params[i];
            float d;
            if (velocity == null) {
                d = gi;
            } else {
                velocity[i] = mu * velocity[i] + gi;
                d = nesterov ? gi + mu * velocity[i] : velocity[i];
            }
            // the step is kept in g, which the next gradient overwrites, to take its norm in a second fast pass
            g[i] = d;
            params[i] -= lr * d;
        }
        lastUpdateNorm = lr * Vectors.norm(g);
    }

    /** No momentum and no weight decay: the update is {@code -lr g} alone. */
    private boolean isPlain() {
        return velocity == null && weightDecay == 0;
    }

    void requireInitialised(float[] params) {
        if (grad == null || grad.length != params.length) {
            throw new IllegalStateException("initialise(" + params.length + ") before step; was "
                    + (grad == null ? "never" : grad.length));
        }
    }

    /** Records the norm of a gradient a wrapper computed, so dynamics metrics see it. */
    void recordGradientNorm(double norm) {
        lastGradNorm = norm;
    }

    @Override
    public double lastGradientNorm() {
        return lastGradNorm;
    }

    @Override
    public double lastUpdateNorm() {
        return lastUpdateNorm;
    }

    @Override
    public SgdOptimizer copy() {
        return new SgdOptimizer(momentum, nesterov, weightDecay);
    }

    @Override
    public void reset() {
        if (grad != null) {
            initialise(grad.length);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("opt", momentum == 0 ? "sgd" : nesterov ? "nesterov" : "momentum");
        s.put("momentum", momentum);
        s.put("weight-decay", weightDecay);
        return s;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        Vectors.write(out, velocity);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        float[] v = Vectors.read(in);
        if ((v == null) != (velocity == null) || (v != null && v.length != velocity.length)) {
            throw new IOException("momentum buffer does not fit this optimizer: "
                    + (v == null ? "none" : v.length) + " vs " + (velocity == null ? "none" : velocity.length));
        }
        if (v != null) {
            System.arraycopy(v, 0, velocity, 0, v.length);
        }
    }
}

package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.Task;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label-noise SGD: every step trains on freshly perturbed targets (Blanc et al., HaoChen et al.):
 * y + delta * N(0,1) for regression, and for classification a flip, with probability p, to a
 * uniformly chosen other class. The data are never changed; the inner optimizer does the update.
 */
public final class LabelNoiseOptimizer implements Optimizer {

    private final Task task;
    private final double noise;
    private final long seed;
    private final Optimizer inner;
    private final SeededRandom rng;
    private Batch noisy = new Batch(1);

    /**
     * @param noise the standard deviation delta for regression, the flip probability p for classification
     */
    public LabelNoiseOptimizer(Task task, double noise, long seed, Optimizer inner) {
        if (task.isClassification() ? !(noise >= 0 && noise <= 1) : !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException((task.isClassification() ? "flip probability must be in [0, 1]"
                    : "label noise delta must be >= 0") + ", got " + noise);
        }
        this.task = task;
        this.noise = noise;
        this.seed = seed;
        this.inner = inner;
        this.rng = new SeededRandom(seed);
    }

    @Override
    public void initialise(int numParams) {
        inner.initialise(numParams);
        rng.restore(seed);
    }

    @Override
    public double step(float[] params, Objective objective, Batch batch, double learningRate) {
        int n = batch.size();
        if (noisy.capacity() < n) {
            noisy = new Batch(n);
        }
        noisy.clear();
        int classes = task.classes();
        for (int i = 0; i < n; i++) {
            double y = batch.target(i);
            double target = y;
            if (classes == 0) {
                target = y + noise * rng.nextGaussian();
            } else if (rng.nextDouble() < noise) {
                int other = rng.nextInt(classes - 1);
                target = other >= (int) y ? other + 1 : other;
            }
            noisy.add(batch.features(i), target);
        }
        return inner.step(params, objective, noisy, learningRate);
    }

    @Override
    public double lastGradientNorm() {
        return inner.lastGradientNorm();
    }

    @Override
    public double lastUpdateNorm() {
        return inner.lastUpdateNorm();
    }

    @Override
    public LabelNoiseOptimizer copy() {
        return new LabelNoiseOptimizer(task, noise, seed, inner.copy());
    }

    @Override
    public void reset() {
        inner.reset();
        rng.restore(seed);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(inner.settings());
        s.put("base", inner.settings().get("opt"));
        s.put("opt", "label-noise-sgd");
        s.put("label-noise", noise);
        s.put("seed", seed);
        s.put("task", task.kind().name().toLowerCase());
        return s;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(rng.state());
        inner.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        rng.restore(in.readLong());
        inner.readState(in);
    }
}

package io.sgdscope.trainer;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.model.Task;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.Objective;
import io.sgdscope.trainer.optim.Optimizer;
import io.sgdscope.trainer.optim.Vectors;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trained model: parameters, the executor that runs them, the optimizer and schedule that
 * move them, and the divergence guard. {@link #learn} buffers samples and takes one optimizer
 * step per full batch (batch 1 by default: true online SGD). Not thread-safe.
 *
 * <p>At batch 1 the step's gradient starts from the forward pass {@link #predict} just made of
 * the same sample: predict stamps it with {@code paramsVersion}, which every write to the
 * parameters bumps, and the objective passes that version only for the live parameters (not
 * for SAM's perturbed copy), so a pass of other parameters is never reused.
 */
public final class OnlineModel implements OnlineLearner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineModel.class);
    /** A storm of poison records must not flood the log. */
    private static final int MAX_LOGGED_POISON = 10;

    private final String name;
    private final ModelSpec spec;
    private final Task task;
    private final ModelExecutor executor;
    private final Objective objective;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final DivergenceGuard guard;
    private final float[] params;
    private final Batch batch;
    private final float[] output;
    private long steps;
    /** Bumped on every write to {@link #params}; stamps the forward pass predict keeps. */
    private long paramsVersion;
    private double lastLoss = Double.NaN;
    private double lastLearningRate = Double.NaN;

    public OnlineModel(String name, ModelSpec spec, ModelExecutor executor, float[] initialParams,
                       Optimizer optimizer, LearningRateSchedule schedule, DivergenceGuard guard, int batchSize) {
        this.name = name;
        this.spec = spec;
        this.task = spec.task();
        this.executor = executor;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.guard = guard;
        this.params = initialParams.clone();
        this.objective = new Objective() {
            @Override
            public double lossAndGradient(float[] p, Batch b, float[] g) {
                return executor.lossAndGradient(p, p == params ? paramsVersion : ModelExecutor.NO_VERSION, b, g);
            }

            @Override
            public double lastGradientNorm() {
                return executor.lastGradientNorm();
            }

            @Override
            public boolean descends(Batch b) {
                return executor.descends(b);
            }

            @Override
            public double descend(float[] p, Batch b, double learningRate) {
                return executor.descend(p, p == params ? paramsVersion : ModelExecutor.NO_VERSION, b, (float) learningRate);
            }
        };
        this.batch = new Batch(batchSize);
        this.output = new float[task.outputs()];
        optimizer.initialise(params.length);
        guard.start(params, optimizer);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prediction predict(Sample sample) {
        float[] x = checkedFeatures(sample);
        executor.output(params, paramsVersion, x, output);
        return Prediction.fromOutput(task, output);
    }

    @Override
    public LearnOutcome learn(Sample sample) {
        batch.add(checkedFeatures(sample), targetOf(sample));
        return batch.isFull() ? LearnOutcome.stepped(step()) : LearnOutcome.BUFFERED;
    }

    /** Returns the step's loss, non-finite if it diverged. */
    private double step() {
        double lr = schedule.at(steps) * guard.lrScale();
        lastLearningRate = lr;
        double loss = optimizer.step(params, objective, batch, lr);
        paramsVersion++;
        steps++;
        if (Double.isFinite(loss)) {
            lastLoss = loss;
            guard.stepSucceeded(params, optimizer, loss);
        } else {
            paramsVersion++; // the guard writes the last good parameters back, then evaluates the batch there
            if (guard.stepDiverged(params, optimizer, objective, batch)) {
                LOG.warn("model {} diverged at step {} (loss {}, lr {}, last finite loss {}): restored the last good "
                                + "parameters and scaled the learning rate by {} to {}; {} divergences so far",
                        name, steps, loss, lr, lastLoss, guard.lrFactor(), schedule.at(steps) * guard.lrScale(),
                        guard.divergences());
            } else if (guard.poisonBatches() <= MAX_LOGGED_POISON) {
                LOG.warn("model {} step {} had a non-finite loss ({}) at the last good parameters too: the batch "
                                + "is poison; restored the last good parameters and kept the learning rate {}; {} divergences "
                                + "so far (poison batches are logged up to {} times)", name, steps, loss, lr, guard.divergences(),
                        MAX_LOGGED_POISON);
            }
        }
        batch.clear();
        return loss;
    }

    private float[] checkedFeatures(Sample sample) {
        float[] x = sample.features();
        if (spec.widths().length > 0 && x.length != spec.inputs()) {
            throw new IllegalArgumentException("model " + name + " takes " + spec.inputs() + " features, sample "
                    + sample.id() + " has " + x.length);
        }
        return x;
    }

    private double targetOf(Sample sample) {
        Label label = sample.label();
        if (label == null) {
            throw new IllegalArgumentException("sample " + sample.id() + " has no label");
        }
        if (!task.isClassification()) {
            return label.asDouble();
        }
        if (!(label instanceof Label.ClassIndex c) || c.index() < 0 || c.index() >= task.classes()) {
            throw new IllegalArgumentException("model " + name + " has " + task.classes() + " classes, sample "
                    + sample.id() + " has label " + label);
        }
        return c.index();
    }

    public ModelSpec spec() {
        return spec;
    }

    public Task task() {
        return task;
    }

    /** The live parameters; read them only on the training thread. */
    public float[] paramsView() {
        return params;
    }

    public long steps() {
        return steps;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public double lastLearningRate() {
        return lastLearningRate;
    }

    public double lastGradientNorm() {
        return optimizer.lastGradientNorm();
    }

    public double lastUpdateNorm() {
        return optimizer.lastUpdateNorm();
    }

    public long divergences() {
        return guard.divergences();
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Step count, optimizer, guard and the rows of a partly filled batch; the parameters go in the model file. */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        out.writeDouble(lastLoss);
        optimizer.writeState(out);
        guard.writeState(out);
        out.writeInt(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            Vectors.write(out, batch.features(r));
            out.writeDouble(batch.target(r));
        }
    }

    public void restore(float[] savedParams, DataInput in) throws IOException {
        if (savedParams.length != params.length) {
            throw new IOException("checkpoint of model " + name + " has " + savedParams.length
                    + " parameters, the model has " + params.length);
        }
        System.arraycopy(savedParams, 0, params, 0, params.length);
        paramsVersion++;
        steps = in.readLong();
        lastLoss = in.readDouble();
        optimizer.readState(in);
        guard.readState(in);
        batch.clear();
        int pending = in.readInt();
        if (pending < 0 || pending >= batch.capacity()) {
            throw new IOException("checkpoint holds " + pending + " pending rows for a batch of " + batch.capacity());
        }
        for (int r = 0; r < pending; r++) {
            batch.add(Vectors.read(in), in.readDouble());
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}

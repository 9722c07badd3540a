package io.sgdscope.trainer.bench;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.OnlineModel;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.Executors;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.Kernels;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.Objective;
import io.sgdscope.trainer.optim.Optimizer;
import io.sgdscope.trainer.optim.SgdOptimizer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD training step (forward, backward, update) of an MLP 64-128-2 (ReLU, binary; {@code -p
 * spec=...} for others with 64 inputs) on the fast and the DL4J executor, at batch 1 and 256:
 * through {@code SgdOptimizer}, with a bare update, and
 * as the prequential loop runs it (OnlineModel predict, then learn). The score is steps per second;
 * samples per second is that times {@code batchSize}. Not run by {@code mvn verify}; see trainer/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class ExecutorBenchmark {

    static final int INPUTS = 64;
    static final int POOL = 4096;
    static final double LR = 0.01;

    /**
     * AUTO: what {@code executor: auto} picks for this model and batch size after its calibration.
     * FAST runs this JVM's kernels (vector ones with the bench profile's flag), FAST_SCALAR the scalar ones.
     */
    @Param({"FAST", "FAST_SCALAR", "DL4J", "AUTO"})
    public String executor;

    /** A model with {@value #INPUTS} inputs. */
    @Param({"mlp:64-128-2"})
    public String spec;

    @Param({"1", "256"})
    public int batchSize;

    private ModelExecutor exec;
    private Objective objective;
    private Optimizer optimizer;
    private float[] params;
    private float[] grad;
    private float[][] xs;
    private double[] ys;
    private Batch batch;
    private int next;
    private OnlineModel model;
    private Sample[] samples;
    /** The same samples with equal features in other arrays: a predict of these leaves learn nothing to reuse. */
    private Sample[] copies;

    @Setup(Level.Trial)
    public void setUp() {
        ModelSpec spec = ModelSpec.parse(this.spec);
        exec = executor(spec);
        System.out.println("fast executor kernels: "
                + (executor.equals("FAST_SCALAR") ? Kernels.scalar() : Kernels.active()).name());
        objective = exec::lossAndGradient;
        params = spec.initialParams(1);
        grad = new float[params.length];
        optimizer = SgdOptimizer.plain();
        optimizer.initialise(params.length);
        SplittableRandom rng = new SplittableRandom(2);
        xs = new float[POOL][INPUTS];
        ys = new double[POOL];
        for (int r = 0; r < POOL; r++) {
            double s = 0;
            for (int i = 0; i < INPUTS; i++) {
                xs[r][i] = (float) rng.nextGaussian();
                s += (i % 2 == 0 ? 1 : -1) * xs[r][i];
            }
            ys[r] = s > 0 ? 1 : 0;
        }
        batch = new Batch(batchSize);
        samples = new Sample[POOL];
        for (int r = 0; r < POOL; r++) {
            samples[r] = new Sample("s" + r, "bench", r, xs[r], Label.ofClass((int) ys[r]), null);
        }
        copies = new Sample[POOL];
        for (int r = 0; r < POOL; r++) {
            copies[r] = new Sample("s" + r, "bench", r, xs[r].clone(), Label.ofClass((int) ys[r]), null);
        }
        model = new OnlineModel("bench", spec, executor(spec),
                params, SgdOptimizer.plain(), LearningRateSchedule.of(LearningRateSchedule.Kind.CONSTANT, LR, 1, 1, 0),
                new DivergenceGuard(0.5, 1000), batchSize);
    }

    private ModelExecutor executor(ModelSpec spec) {
        return executor.equals("FAST_SCALAR") ? new FastExecutor(spec, Kernels.scalar())
                : Executors.create(ExecutorKind.valueOf(executor), spec, batchSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        exec.close();
        model.close();
    }

    /** One prequential row: predict, then learn (one step per full batch), as PrequentialEvaluator runs it. */
    @Benchmark
    public Prediction predictAndLearn() {
        Sample s = samples[next];
        next = (next + 1) & (POOL - 1);
        Prediction p = model.predict(s);
        model.learn(s);
        return p;
    }

    /**
     * The control for {@link #predictAndLearn}: the same work, but predict sees an equal copy of
     * the row, so learn runs its own forward pass (the cost before learn reused predict's).
     */
    @Benchmark
    public Prediction predictAndLearnWithoutReuse() {
        int r = next;
        next = (next + 1) & (POOL - 1);
        Prediction p = model.predict(copies[r]);
        model.learn(samples[r]);
        return p;
    }

    /** A step through {@code SgdOptimizer}, which also computes the gradient and update norms. */
    @Benchmark
    public double trainStep() {
        nextBatch();
        return optimizer.step(params, objective, batch, LR);
    }

    /** The executor alone: loss and gradient, then a bare p -= lr g; no norms. */
    @Benchmark
    public double gradientAndBareUpdate() {
        nextBatch();
        double loss = exec.lossAndGradient(params, batch, grad);
        float lr = (float) LR;
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grad[i];
        }
        return loss;
    }

    /**
     * The executor's fastest plain SGD step: its fused step ({@code descend}: the update made in the
     * backward pass, no gradient written) where it has one, else {@link #gradientAndBareUpdate}.
     */
    @Benchmark
    public double fusedStep() {
        nextBatch();
        if (exec.descends(batch)) {
            return exec.descend(params, ModelExecutor.NO_VERSION, batch, (float) LR);
        }
        double loss = exec.lossAndGradient(params, batch, grad);
        float lr = (float) LR;
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grad[i];
        }
        return loss;
    }

    private void nextBatch() {
        batch.clear();
        for (int i = 0; i < batchSize; i++) {
            batch.add(xs[next], ys[next]);
            next = (next + 1) & (POOL - 1);
        }
    }
}

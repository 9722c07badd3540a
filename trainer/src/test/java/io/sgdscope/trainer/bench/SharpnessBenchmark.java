package io.sgdscope.trainer.bench;

import io.sgdscope.trainer.insight.HessianPowerIteration;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.Objective;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sharpness estimate of {@code mlp:64-128-2} (ReLU, binary) over a 512-row window, from a
 * cold (seeded random) start and warm-started from the previous call's vector, against the
 * baseline of one batch-1 SGD training step in the same run. Average time per operation; the
 * mean number of Hessian-vector products per estimate is printed at the end of each trial. The
 * warm case alternates between two parameter vectors {@value #K} batch-1 SGD steps apart, as the
 * trainer's every-K-steps calls see them. Not run by {@code mvn verify}; see trainer/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SharpnessBenchmark {

    static final String SPEC = "mlp:64-128-2,act=relu";
    static final int WINDOW = 512;
    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-3;
    static final double LR = 0.01;
    static final int K = 100;

    private float[][] xs;
    private double[] ys;
    private Batch window;
    /** Two snapshots K training steps apart. */
    private float[][] snapshots;
    private int snapshot;
    private HessianPowerIteration cold;
    private HessianPowerIteration warm;
    private SgdOptimizer optimizer;
    private Objective objective;
    private float[] trainParams;
    private Batch single;
    private int next;
    private long estimates;
    private long products;

    @Setup(Level.Trial)
    public void setUp() {
        ModelSpec spec = ModelSpec.parse(SPEC);
        SplittableRandom rng = new SplittableRandom(2);
        xs = new float[WINDOW][64];
        ys = new double[WINDOW];
        window = new Batch(WINDOW);
        for (int r = 0; r < WINDOW; r++) {
            double s = 0;
            for (int i = 0; i < 64; i++) {
                xs[r][i] = (float) rng.nextGaussian();
                s += (i % 2 == 0 ? 1 : -1) * xs[r][i];
            }
            ys[r] = s > 0 ? 1 : 0;
            window.add(xs[r], ys[r]);
        }
        FastExecutor trainExec = new FastExecutor(spec);
        objective = trainExec::lossAndGradient;
        optimizer = SgdOptimizer.plain();
        optimizer.initialise(spec.layout().numParams());
        single = new Batch(1);
        trainParams = spec.initialParams(1);
        snapshots = new float[2][];
        snapshots[0] = trainParams.clone();
        for (int t = 0; t < K; t++) {
            trainStepBatch1();
        }
        snapshots[1] = trainParams.clone();
        cold = new HessianPowerIteration(new FastExecutor(spec), trainParams.length, 3);
        warm = new HessianPowerIteration(new FastExecutor(spec), trainParams.length, 3);
        warm.estimate(snapshots[0], window, MAX_ITERATIONS, TOLERANCE);
    }

    @TearDown(Level.Trial)
    public void report() {
        if (estimates > 0) {
            System.out.printf("%nHessian-vector products per estimate: %.1f over %d estimates%n",
                    (double) products / estimates, estimates);
        }
    }

    /** The baseline: one batch-1 SGD step through SgdOptimizer. */
    @Benchmark
    public double trainStepBatch1() {
        single.clear();
        single.add(xs[next], ys[next]);
        next = (next + 1) & (WINDOW - 1);
        return optimizer.step(trainParams, objective, single, LR);
    }

    /** Forgets the vector each call: a seeded random start. */
    @Benchmark
    public double estimateCold() {
        cold.reset();
        return count(cold.estimate(snapshots[0], window, MAX_ITERATIONS, TOLERANCE));
    }

    /** From the previous call's vector, at parameters K steps away from the previous call's. */
    @Benchmark
    public double estimateWarm() {
        snapshot ^= 1;
        return count(warm.estimate(snapshots[snapshot], window, MAX_ITERATIONS, TOLERANCE));
    }

    private double count(HessianPowerIteration.Estimate e) {
        estimates++;
        products += e.iterations();
        return e.sharpness();
    }
}

package io.sgdscope.trainer.model;

import io.sgdscope.trainer.model.dl4j.Dl4jExecutor;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What {@code executor: auto} decides with: both executors time the same gradient on the same
 * synthetic batch of the model's shape, in alternating rounds (so a change in the machine's load
 * hits both alike), within a bounded time; the one with the shorter best round time per step wins.
 * Each round repeats the step until it has run for {@link #ROUND}, and every executor gets one
 * unmeasured warm-up round first (the fast executor's loops need the JIT, DL4J its workspaces).
 * Everything stops at {@link #BUDGET}, whose bound is exceeded by at most one step of each executor
 * (each needs one timed step); if the budget runs out in the warm-up, the warm-up times decide.
 *
 * <p>Below {@link #MIN_BATCH} rows there is nothing to measure: a DL4J call costs tens of
 * microseconds of JNI and op dispatch whatever its size, which is already several fast steps of
 * any model the fast executor runs, and loading ND4J only to learn that would cost seconds.
 */
public final class ExecutorCalibration {

    /** Below this batch size auto takes the fast executor without measuring. */
    public static final int MIN_BATCH = 16;
    /** The whole calibration stops after this, however many rounds it ran. */
    public static final Duration BUDGET = Duration.ofMillis(900);
    static final Duration ROUND = Duration.ofMillis(60);
    static final int ROUNDS = 4;

    /** How a calibration went: the winner, and each executor's best time per step. */
    public record Result(ExecutorKind chosen, double fastNanosPerStep, double dl4jNanosPerStep, long tookNanos,
                         boolean measured) {
        @Override
        public String toString() {
            return measured
                    ? String.format("%s (fast %.1f us/step, dl4j %.1f us/step, calibrated in %d ms)",
                            chosen.name().toLowerCase(java.util.Locale.ROOT), fastNanosPerStep / 1e3,
                            dl4jNanosPerStep / 1e3, tookNanos / 1_000_000)
                    : chosen.name().toLowerCase(java.util.Locale.ROOT) + " (not measured)";
        }
    }

    private final Function<ModelSpec, ModelExecutor> fast;
    private final Function<ModelSpec, ModelExecutor> dl4j;
    private final LongSupplier nanoClock;

    public ExecutorCalibration() {
        this(FastExecutor::new, Dl4jExecutor::new, System::nanoTime);
    }

    /** With other executors standing in for the two kinds, timed by {@code nanoClock}; for tests. */
    ExecutorCalibration(Function<ModelSpec, ModelExecutor> fast, Function<ModelSpec, ModelExecutor> dl4j,
                        LongSupplier nanoClock) {
        this.fast = fast;
        this.dl4j = dl4j;
        this.nanoClock = nanoClock;
    }

    /** Picks the executor for {@code spec} at {@code batchSize}, measuring both if there is a choice. */
    public Result calibrate(ModelSpec spec, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (spec.kind() == ModelSpec.Kind.DL4J) {
            return new Result(ExecutorKind.DL4J, Double.NaN, Double.NaN, 0, false);
        }
        if (batchSize < MIN_BATCH) {
            return new Result(ExecutorKind.FAST, Double.NaN, Double.NaN, 0, false);
        }
        long start = nanoClock.getAsLong();
        long deadline = start + BUDGET.toNanos();
        Batch batch = syntheticBatch(spec, batchSize);
        float[] params = spec.initialParams(1);
        float[] grad = new float[params.length];
        try (ModelExecutor f = fast.apply(spec); ModelExecutor d = dl4j.apply(spec)) {
            ModelExecutor[] candidates = {f, d};
            double[] warm = new double[candidates.length];
            double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            for (int round = 0; round <= ROUNDS; round++) {
                for (int c = 0; c < candidates.length; c++) {
                    if (round > 0 && best[c] < Double.POSITIVE_INFINITY && nanoClock.getAsLong() >= deadline) {
                        continue;
                    }
                    double perStep = round(candidates[c], params, batch, grad, deadline);
                    if (round == 0) {
                        warm[c] = perStep;
                    } else {
                        best[c] = Math.min(best[c], perStep);
                    }
                }
                if (nanoClock.getAsLong() >= deadline) {
                    break;
                }
            }
            for (int c = 0; c < candidates.length; c++) {
                // the budget ran out during the warm-up: its times are all there is
                if (best[c] == Double.POSITIVE_INFINITY) {
                    best[c] = warm[c];
                }
            }
            ExecutorKind chosen = best[1] < best[0] ? ExecutorKind.DL4J : ExecutorKind.FAST;
            return new Result(chosen, best[0], best[1], nanoClock.getAsLong() - start, true);
        }
    }

    /** Nanoseconds per gradient over at least one step, for {@link #ROUND} or until the deadline. */
    private double round(ModelExecutor e, float[] params, Batch batch, float[] grad, long deadline) {
        long t0 = nanoClock.getAsLong();
        long end = Math.min(t0 + ROUND.toNanos(), deadline);
        int steps = 0;
        long now;
        do {
            e.lossAndGradient(params, batch, grad);
            steps++;
            now = nanoClock.getAsLong();
        } while (now < end);
        return (double) (now - t0) / steps;
    }

    /** Gaussian rows of the model's width, with targets valid for its task. */
    static Batch syntheticBatch(ModelSpec spec, int batchSize) {
        SplittableRandom rng = new SplittableRandom(7);
        Task task = spec.task();
        Batch batch = new Batch(batchSize);
        for (int r = 0; r < batchSize; r++) {
            float[] x = new float[spec.inputs()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            double y = task.isClassification() ? rng.nextInt(task.classes()) : rng.nextGaussian();
            batch.add(x, y);
        }
        return batch;
    }
}

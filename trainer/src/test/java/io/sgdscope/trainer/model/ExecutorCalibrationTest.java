package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExecutorCalibrationTest {

    private static final ModelSpec MLP = ModelSpec.parse("mlp:8-16-2,act=relu");

    /** A fake clock that only moves when a stand-in executor computes a gradient. */
    private final AtomicLong now = new AtomicLong();

    /** The fast executor's arithmetic, reported as taking {@code nanosPerStep} of the fake clock. */
    private Function<ModelSpec, ModelExecutor> taking(long nanosPerStep) {
        return spec -> new ModelExecutor() {
            private final FastExecutor inner = new FastExecutor(spec);

            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public void output(float[] params, float[] x, float[] out) {
                inner.output(params, x, out);
            }

            @Override
            public double lossAndGradient(float[] params, Batch batch, float[] grad) {
                now.addAndGet(nanosPerStep);
                return inner.lossAndGradient(params, batch, grad);
            }
        };
    }

    @Test
    void choosesTheExecutorWithTheShorterStep() {
        var dl4jFaster = new ExecutorCalibration(taking(2_000_000), taking(500_000), now::get).calibrate(MLP, 64);
        assertThat(dl4jFaster.chosen()).isEqualTo(ExecutorKind.DL4J);
        assertThat(dl4jFaster.measured()).isTrue();
        assertThat(dl4jFaster.fastNanosPerStep()).isEqualTo(2_000_000);
        assertThat(dl4jFaster.dl4jNanosPerStep()).isEqualTo(500_000);

        var fastFaster = new ExecutorCalibration(taking(300_000), taking(400_000), now::get).calibrate(MLP, 64);
        assertThat(fastFaster.chosen()).isEqualTo(ExecutorKind.FAST);
    }

    @Test
    void staysWithinItsBudgetEvenWhenOneStepIsLongerThanIt() {
        // each step takes 0.6 s or 0.7 s: the warm-up round spends the 0.9 s budget, and its times decide
        var r = new ExecutorCalibration(taking(600_000_000), taking(700_000_000), now::get).calibrate(MLP, 32);
        assertThat(r.chosen()).isEqualTo(ExecutorKind.FAST);
        assertThat(r.fastNanosPerStep()).isEqualTo(600_000_000);
        assertThat(r.dl4jNanosPerStep()).isEqualTo(700_000_000);
        assertThat(r.tookNanos()).isEqualTo(1_300_000_000L);
    }

    @Test
    void smallBatchesAndUsersNetworksNeedNoMeasurement() {
        Function<ModelSpec, ModelExecutor> never = spec -> {
            throw new AssertionError("nothing should be built");
        };
        var small = new ExecutorCalibration(never, never, now::get).calibrate(MLP, ExecutorCalibration.MIN_BATCH - 1);
        assertThat(small.chosen()).isEqualTo(ExecutorKind.FAST);
        assertThat(small.measured()).isFalse();
        ModelSpec users = ModelSpec.parse("dl4j:/nowhere/net.zip");
        assertThat(new ExecutorCalibration(never, never, now::get).calibrate(users, 256).chosen())
                .isEqualTo(ExecutorKind.DL4J);
    }

    @Test
    void syntheticTargetsFitTheTask() {
        Batch b = ExecutorCalibration.syntheticBatch(ModelSpec.parse("mlp:4-8-3"), 50);
        assertThat(b.size()).isEqualTo(50);
        for (int r = 0; r < b.size(); r++) {
            assertThat(b.features(r)).hasSize(4);
            assertThat(b.target(r)).isIn(0.0, 1.0, 2.0);
        }
    }
}

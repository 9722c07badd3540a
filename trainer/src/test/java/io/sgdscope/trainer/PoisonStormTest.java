package io.sgdscope.trainer;

import static io.sgdscope.trainer.OnlineModelTest.model;
import static io.sgdscope.trainer.OnlineModelTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Poison that reaches the trainer (the streams app refuses non-finite features, but not finite
 * ones too large for any model): a storm of such records at the start of a run. Each poison step
 * counts as a divergence (so TrainingDiverged fires) and is undone, but the learning rate stays:
 * the step size was not at fault, and halving it a thousand times would leave a model that never
 * learns again. After the storm the model learns the clean samples as if nothing had happened.
 */
class PoisonStormTest {

    private static final int STORM = 1_000;

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
            "linear:4-2, NaN", "linear:4-2, 3.4028235E38",
            "mlp:4-8-2;act=relu, 3.4028235E38",
            "linear:4-1, NaN", "linear:4-1, 1e20", "linear:4-1, 3.4028235E38"})
    void aPoisonStormIsUndoneWithoutStarvingTheLearningRate(String spec, float magnitude) {
        boolean classify = !spec.endsWith("-1");
        double lr = classify ? 0.1 : 0.01;
        OnlineModel m = model(spec.replace(';', ','), OptimizerSettings.Kind.SGD, lr, 1);
        for (int i = 0; i < STORM; i++) {
            float[] x = {magnitude, -magnitude, magnitude, 1};
            m.learn(new Sample("poison-" + i, "t", i, x, classify ? Label.ofClass(i % 2) : Label.ofTarget(1), null));
        }
        assertThat(m.divergences()).as("every poison step counted, for TrainingDiverged").isEqualTo(STORM);
        assertThat(m.lastLearningRate()).as("the rate is kept").isEqualTo(lr);

        SplittableRandom rng = new SplittableRandom(7);
        PrequentialEvaluator eval = new PrequentialEvaluator(m, 500, 0.99);
        for (int i = 0; i < 4_000; i++) {
            eval.step(sample(rng, i, 4, classify, 1));
        }
        for (float p : m.paramsView()) {
            assertThat(Float.isFinite(p)).isTrue();
        }
        if (classify) {
            // a linearly separable teacher: a model that still learns gets nearly all of the last 500 right
            assertThat(eval.snapshot().slidingAccuracy()).isGreaterThan(0.9);
        } else {
            // noise variance 1e-4; the targets' variance is ~2.5: only a model that learns gets far below it
            assertThat(eval.snapshot().slidingLoss()).isLessThan(0.05);
        }
        assertThat(m.divergences()).as("no divergence from the clean samples").isEqualTo(STORM);
    }
}

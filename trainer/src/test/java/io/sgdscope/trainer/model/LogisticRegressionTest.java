package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static Sample sample(float[] x, int y) {
        return new Sample("id", "s", 0, x, Label.ofClass(y), null);
    }

    @Test
    void untrainedModelIsIndifferent() {
        Prediction p = new LogisticRegression("m", 2, 0.1).predict(sample(new float[] {3, -1}, 1));
        assertThat(p.probabilities()).containsExactly(0.5, 0.5);
    }

    @Test
    void oneStepFromZeroMovesAlongTheGradientInClosedForm() {
        // at w = 0, b = 0: p = 1/2, so w1 = -eta (1/2 - y) x and b1 = -eta (1/2 - y)
        LogisticRegression m = new LogisticRegression("m", 3, 0.2);
        m.learn(sample(new float[] {1, -2, 4}, 1));
        assertThat(m.weights()).containsExactly(new float[] {0.1f, -0.2f, 0.4f}, Offset.offset(1e-7f));
        assertThat(m.bias()).isCloseTo(0.1f, Offset.offset(1e-7f));
    }

    @Test
    void learningAfterPredictingGivesTheSameModelAsLearningAlone() {
        SplittableRandom rng = new SplittableRandom(5);
        LogisticRegression prequential = new LogisticRegression("a", 3, 0.3);
        LogisticRegression plain = new LogisticRegression("b", 3, 0.3);
        for (int i = 0; i < 200; i++) {
            float[] x = {(float) rng.nextDouble(), (float) -rng.nextDouble(), (float) rng.nextDouble()};
            Sample s = sample(x, i % 2);
            prequential.predict(s);
            prequential.learn(s);
            plain.learn(s);
        }
        assertThat(prequential.weights()).containsExactly(plain.weights());
        assertThat(prequential.bias()).isEqualTo(plain.bias());
    }

    @Test
    void predictDoesNotChangeTheModel() {
        LogisticRegression m = new LogisticRegression("m", 2, 0.1);
        m.learn(sample(new float[] {1, 1}, 1));
        float[] before = m.weights();
        m.predict(sample(new float[] {5, 5}, 0));
        assertThat(m.weights()).containsExactly(before);
    }

    @Test
    void learnsASeparableProblem() {
        SplittableRandom rng = new SplittableRandom(11);
        LogisticRegression m = new LogisticRegression("m", 2, 0.5);
        int correct = 0;
        for (int i = 0; i < 3000; i++) {
            float[] x = {(float) (rng.nextDouble() * 2 - 1), (float) (rng.nextDouble() * 2 - 1)};
            int y = x[0] + 2 * x[1] > 0 ? 1 : 0;
            if (i >= 2000 && m.predict(sample(x, y)).predictedClass() == y) {
                correct++;
            }
            m.learn(sample(x, y));
        }
        assertThat(correct / 1000.0).isGreaterThan(0.95);
    }

    @Test
    void extremeLogitsStayFinite() {
        LogisticRegression m = new LogisticRegression("m", 1, 1.0);
        for (int i = 0; i < 50; i++) {
            m.learn(sample(new float[] {1000}, 1));
        }
        Prediction p = m.predict(sample(new float[] {-1000}, 0));
        assertThat(java.util.Arrays.stream(p.probabilities()).allMatch(Double::isFinite)).isTrue();
        assertThat(p.predictedClass()).isZero();
    }

    @Test
    void rejectsWrongShapesAndLabels() {
        LogisticRegression m = new LogisticRegression("m", 2, 0.1);
        assertThatThrownBy(() -> m.predict(sample(new float[] {1}, 0))).hasMessageContaining("expected 2 features, got 1");
        assertThatThrownBy(() -> m.learn(sample(new float[] {1, 1}, 2))).hasMessageContaining("class 0 or 1");
        assertThatThrownBy(() -> new LogisticRegression("m", 2, 0)).hasMessageContaining("learningRate");
    }
}

package io.sgdscope.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ClosedFormOptimizerTest {

    /** 1/2 a w^2 in one dimension, ignoring the data. */
    static Objective quadratic(double a) {
        return (w, batch, grad) -> {
            grad[0] = (float) (a * w[0]);
            return 0.5 * a * w[0] * w[0];
        };
    }

    static Batch oneRow() {
        Batch b = new Batch(1);
        b.add(new float[] {0f}, 0);
        return b;
    }

    @Test
    void sgdOnAQuadraticContractsGeometrically() {
        double a = 2, eta = 0.1;
        SgdOptimizer sgd = SgdOptimizer.plain();
        sgd.initialise(1);
        float[] w = {3f};
        for (int t = 0; t < 20; t++) {
            sgd.step(w, quadratic(a), oneRow(), eta);
        }
        assertThat((double) w[0]).isCloseTo(3 * Math.pow(1 - eta * a, 20), within(1e-5));
    }

    @Test
    void sgdAboveTwoOverCurvatureDiverges() {
        SgdOptimizer sgd = SgdOptimizer.plain();
        sgd.initialise(1);
        float[] w = {1f};
        for (int t = 0; t < 10; t++) {
            sgd.step(w, quadratic(4), oneRow(), 0.6); // eta * a = 2.4 > 2
        }
        assertThat(Math.abs(w[0])).isGreaterThan(1f);
    }

    @Test
    void heavyBallMomentumMatchesItsRecurrence() {
        double a = 1, eta = 0.1, mu = 0.9;
        SgdOptimizer opt = new SgdOptimizer(mu, false, 0);
        opt.initialise(1);
        float[] w = {1f};
        double ref = 1, v = 0;
        for (int t = 0; t < 15; t++) {
            opt.step(w, quadratic(a), oneRow(), eta);
            v = mu * v + a * ref;
            ref -= eta * v;
        }
        assertThat((double) w[0]).isCloseTo(ref, within(1e-5));
    }

    @Test
    void weightDecayShrinksAtZeroGradient() {
        SgdOptimizer opt = new SgdOptimizer(0, false, 0.5);
        opt.initialise(1);
        float[] w = {2f};
        opt.step(w, quadratic(0), oneRow(), 0.1);
        assertThat(w[0]).isEqualTo(2f * (1 - 0.05f));
    }

    @Test
    void samStepsWithTheGradientAtThePerturbedPoint() {
        double a = 3, eta = 0.1, rho = 0.2;
        SamOptimizer sam = new SamOptimizer(rho, 0, SgdOptimizer.plain());
        sam.initialise(1);
        float[] w = {1.5f};
        sam.step(w, quadratic(a), oneRow(), eta);
        // g = a w > 0, so the perturbed point is w + rho
        assertThat((double) w[0]).isCloseTo(1.5 - eta * a * (1.5 + rho), within(1e-6));
        assertThat(sam.lastGradientNorm()).isCloseTo(a * 1.5, within(1e-6));
    }

    @Property(tries = 50)
    void aZeroGradientLeavesParametersUnchanged(@ForAll @DoubleRange(min = 0.001, max = 10) @net.jqwik.api.constraints.Scale(4) double lr,
                                                @ForAll @DoubleRange(min = 0, max = 0.99) double mu) {
        for (Optimizer opt : List.of(new SgdOptimizer(mu, false, 0), new SamOptimizer(0.1, 0, new SgdOptimizer(mu, false, 0)))) {
            opt.initialise(3);
            float[] w = {1f, -2f, 0.5f};
            Objective flat = (p, b, g) -> {
                Arrays.fill(g, 0);
                return 1;
            };
            opt.step(w, flat, oneRow(), lr);
            assertThat(w).containsExactly(1f, -2f, 0.5f);
        }
    }

    @Test
    void labelNoiseFlipsAtTheConfiguredRateToOtherClasses() {
        int classes = 4, n = 20_000;
        double p = 0.3;
        List<Double> seen = new ArrayList<>();
        Objective recording = (w, b, g) -> {
            seen.add(b.target(0));
            Arrays.fill(g, 0);
            return 0;
        };
        LabelNoiseOptimizer opt = new LabelNoiseOptimizer(Task.classification(classes), p, 5, SgdOptimizer.plain());
        opt.initialise(1);
        Batch b = new Batch(1);
        b.add(new float[] {0f}, 2);
        for (int i = 0; i < n; i++) {
            opt.step(new float[] {0f}, recording, b, 0.1);
        }
        long flipped = seen.stream().filter(y -> y != 2.0).count();
        double sd = Math.sqrt(p * (1 - p) / n);
        assertThat(flipped / (double) n).isCloseTo(p, within(5 * sd));
        assertThat(seen).allMatch(y -> y >= 0 && y < classes && y == Math.rint(y));
        for (int other : new int[] {0, 1, 3}) {
            long count = seen.stream().filter(y -> y == other).count();
            assertThat(count / (double) n).isCloseTo(p / 3, within(5 * Math.sqrt(p / 3 / n)));
        }
    }

    @Test
    void labelNoiseOnRegressionAddsGaussianNoiseOfTheGivenScale() {
        int n = 20_000;
        double delta = 0.5;
        double[] sum = new double[2];
        Objective recording = (w, b, g) -> {
            double e = b.target(0) - 1.0;
            sum[0] += e;
            sum[1] += e * e;
            Arrays.fill(g, 0);
            return 0;
        };
        LabelNoiseOptimizer opt = new LabelNoiseOptimizer(Task.regression(), delta, 9, SgdOptimizer.plain());
        opt.initialise(1);
        Batch b = new Batch(1);
        b.add(new float[] {0f}, 1.0);
        for (int i = 0; i < n; i++) {
            opt.step(new float[] {0f}, recording, b, 0.1);
        }
        assertThat(sum[0] / n).isCloseTo(0, within(5 * delta / Math.sqrt(n)));
        // the variance of a sample variance of a normal is 2 sigma^4 / n
        assertThat(sum[1] / n).isCloseTo(delta * delta, within(5 * Math.sqrt(2.0 / n) * delta * delta));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new SgdOptimizer(1.0, false, 0)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SgdOptimizer(0, true, 0)).hasMessageContaining("nesterov");
        assertThatThrownBy(() -> new SamOptimizer(0, 0, SgdOptimizer.plain())).hasMessageContaining("rho");
        assertThatThrownBy(() -> new LabelNoiseOptimizer(Task.binary(), 1.5, 1, SgdOptimizer.plain()))
                .hasMessageContaining("flip probability");
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertThat(LearningRateSchedule.of(LearningRateSchedule.Kind.CONSTANT, 0.1, 0, 1, 0).at(10_000)).isEqualTo(0.1);
        LearningRateSchedule step = LearningRateSchedule.of(LearningRateSchedule.Kind.STEP, 0.1, 100, 0.5, 0);
        assertThat(step.at(99)).isEqualTo(0.1);
        assertThat(step.at(250)).isCloseTo(0.025, within(1e-15));
        LearningRateSchedule cosine = LearningRateSchedule.of(LearningRateSchedule.Kind.COSINE, 1, 100, 0.1, 0);
        assertThat(cosine.at(0)).isCloseTo(1, within(1e-12));
        assertThat(cosine.at(50)).isCloseTo(0.55, within(1e-12));
        assertThat(cosine.at(500)).isCloseTo(0.1, within(1e-12));
        LearningRateSchedule large = LearningRateSchedule.of(LearningRateSchedule.Kind.LARGE_THEN_DECAY, 2, 10, 0.01, 0);
        assertThat(large.at(9)).isEqualTo(2);
        assertThat(large.at(10)).isCloseTo(0.02, within(1e-15));
        LearningRateSchedule warm = LearningRateSchedule.of(LearningRateSchedule.Kind.CONSTANT, 0.4, 0, 1, 4);
        assertThat(warm.at(0)).isCloseTo(0.1, within(1e-15));
        assertThat(warm.at(3)).isCloseTo(0.4, within(1e-15));
        assertThatThrownBy(() -> LearningRateSchedule.of(LearningRateSchedule.Kind.COSINE, 1, 0, 0.1, 0))
                .hasMessageContaining("schedule-steps");
    }
}

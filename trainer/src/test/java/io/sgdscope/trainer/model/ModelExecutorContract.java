package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ModelExecutor} must do, checked against {@link ReferenceModel} (double
 * precision, from the definitions): loss and outputs agree, and the gradient of the mean loss
 * matches central finite differences, for every layer kind and task. Subclasses supply the
 * executor.
 */
public abstract class ModelExecutorContract {

    /** Finite-difference step in double precision: truncation ~h^2, rounding ~1e-16/h. */
    static final double FD_STEP = 1e-6;
    /** Float32 evaluation error of the executors, relative; the FD reference is far more exact. */
    static final double REL_TOL = 1e-3;
    static final double ABS_TOL = 1e-4;

    protected abstract ModelExecutor create(ModelSpec spec);

    static Stream<String> specs() {
        return Stream.of(
                "linear:8-2",
                "linear:8-4",
                "linear:8-1",
                "linear:8-2,bias=false",
                "mlp:8-6-2,act=relu",
                "mlp:8-5-4,act=relu",
                "mlp:8-6-5-3,act=tanh,bias=false",
                "mlp:8-6-1,act=identity",
                "mlp:8-6-1,act=tanh",
                "dln:8-1,init=0.5",
                "dln:8-2,init=0.5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void gradientMatchesFiniteDifferencesOfTheMeanLoss(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        Batch batch = TestData.samples(spec, 5, 11);
        float[] params = TestData.randomParams(spec, 0.5, 12);
        float[] grad = new float[params.length];
        ReferenceModel ref = new ReferenceModel(spec);
        double[] p = TestData.toDouble(params);
        double[] numeric = ref.numericGradient(p, batch, FD_STEP);
        try (ModelExecutor exec = create(spec)) {
            double loss = exec.lossAndGradient(params, batch, grad);
            assertThat(loss).isCloseTo(ref.loss(p, batch), within(ABS_TOL + REL_TOL * ref.loss(p, batch)));
        }
        for (int i = 0; i < grad.length; i++) {
            assertThat((double) grad[i]).as("d loss / d param %d of %s", i, text)
                    .isCloseTo(numeric[i], within(ABS_TOL + REL_TOL * Math.abs(numeric[i])));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void outputIsTheTasksOutputFunctionOfTheLogits(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        Batch batch = TestData.samples(spec, 3, 21);
        float[] params = TestData.randomParams(spec, 0.5, 22);
        ReferenceModel ref = new ReferenceModel(spec);
        float[] out = new float[spec.task().outputs()];
        try (ModelExecutor exec = create(spec)) {
            for (int r = 0; r < batch.size(); r++) {
                exec.output(params, batch.features(r), out);
                double[] z = ref.logits(TestData.toDouble(params), batch.features(r));
                double[] expected = outputFunction(spec.task(), z);
                for (int k = 0; k < out.length; k++) {
                    assertThat((double) out[k]).isCloseTo(expected[k], within(1e-5 + 1e-5 * Math.abs(expected[k])));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void leavesItsInputsUnchangedAndKeepsNoStateBetweenCalls(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        Batch batch = TestData.samples(spec, 4, 31);
        float[] a = TestData.randomParams(spec, 0.5, 32);
        float[] b = TestData.randomParams(spec, 0.5, 33);
        float[] aCopy = a.clone();
        float[] row0 = batch.features(0).clone();
        float[] g1 = new float[a.length];
        float[] g2 = new float[a.length];
        float[] g3 = new float[a.length];
        try (ModelExecutor exec = create(spec)) {
            double l1 = exec.lossAndGradient(a, batch, g1);
            exec.lossAndGradient(b, batch, g2);
            double l3 = exec.lossAndGradient(a, batch, g3);
            assertThat(l3).isEqualTo(l1);
            assertThat(g3).containsExactly(g1);
            assertThat(g2).isNotEqualTo(g1);
        }
        assertThat(a).containsExactly(aCopy);
        assertThat(batch.features(0)).containsExactly(row0);
    }

    /**
     * A logit of +-100 on the wrong class: the probability rounds to exactly 0 or 1, and the
     * gradient must still be the cross-entropy's p - y in the logit, not vanish with the output's
     * derivative. linear:3-2 is z = w.x + b (W at 0..2, b at 3); x = (1, 1, 0), w = (50, 50, 0).
     */
    @ParameterizedTest(name = "logit {0}")
    @ValueSource(doubles = {100, -100})
    void aSaturatedWrongBinaryOutputKeepsItsFullGradient(double logit) {
        ModelSpec spec = ModelSpec.parse("linear:3-2");
        float half = (float) (logit / 2);
        float[] params = {half, half, 0, 0};
        int wrong = logit > 0 ? 0 : 1;
        Batch batch = new Batch(1);
        batch.add(new float[] {1, 1, 0}, wrong);
        float[] grad = new float[params.length];
        try (ModelExecutor exec = create(spec)) {
            double loss = exec.lossAndGradient(params, batch, grad);
            // loss = |z| (plus log1p(e^-100)); dL/dz = p - y = +-1, so dL/dw = +-x and dL/db = +-1
            assertThat(loss).isCloseTo(Math.abs(logit), within(1e-3));
            float sign = (float) Math.signum(logit);
            assertThat(grad).containsExactly(new float[] {sign, sign, 0, sign}, within(1e-6f));
            // the step moves z by -(|x|^2 + 1) = 3 towards the label
            assertOneStepLowersTheLoss(exec, params, batch, grad, 3);
        }
    }

    /** The same for softmax: logits (100, 0, 0) on a sample of class 2 (linear:3-3, W[i][j] at i + 3j, b at 9 + j). */
    @Test
    void aSaturatedWrongMulticlassOutputKeepsItsFullGradient() {
        ModelSpec spec = ModelSpec.parse("linear:3-3");
        float[] params = new float[spec.layout().numParams()];
        params[0] = 50;
        params[1] = 50;
        Batch batch = new Batch(1);
        batch.add(new float[] {1, 1, 0}, 2);
        float[] grad = new float[params.length];
        try (ModelExecutor exec = create(spec)) {
            double loss = exec.lossAndGradient(params, batch, grad);
            // loss = lse(z) - z_2 = 100 + log(1 + 2e-100) ~ 100; dL/dz = p - y = (1, 0, -1)
            assertThat(loss).isCloseTo(100, within(1e-3));
            assertThat(grad).containsExactly(new float[] {1, 1, 0, 0, 0, 0, -1, -1, 0, 1, 0, -1}, within(1e-6f));
            // the step moves z_0 by -3 and z_2 by +3: the margin z_0 - z_2 shrinks by 6
            assertOneStepLowersTheLoss(exec, params, batch, grad, 6);
        }
    }

    /**
     * Takes p -= g and checks that the parameters moved and the loss fell by {@code drop}: the
     * output is still saturated after the step, but out there the loss is linear in the logits.
     */
    private static void assertOneStepLowersTheLoss(ModelExecutor exec, float[] params, Batch batch, float[] grad,
                                                   double drop) {
        float[] moved = params.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] -= grad[i];
        }
        assertThat(moved).isNotEqualTo(params);
        float[] g = new float[params.length];
        double lossBefore = exec.lossAndGradient(params, batch, g);
        double lossAfter = exec.lossAndGradient(moved, batch, g);
        assertThat(lossAfter).isCloseTo(lossBefore - drop, within(1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void rejectsMismatchedShapesAndTargetsNamingWhatIsWrong(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        float[] params = TestData.randomParams(spec, 0.5, 41);
        float[] grad = new float[params.length];
        try (ModelExecutor exec = create(spec)) {
            Batch wide = new Batch(1);
            wide.add(new float[spec.inputs() + 1], 0);
            assertThatThrownBy(() -> exec.lossAndGradient(params, wide, grad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
            Batch ok = TestData.samples(spec, 1, 42);
            assertThatThrownBy(() -> exec.lossAndGradient(new float[params.length - 1], ok, grad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params");
            if (spec.task().isClassification()) {
                Batch badClass = new Batch(1);
                badClass.add(ok.features(0), spec.task().classes());
                assertThatThrownBy(() -> exec.lossAndGradient(params, badClass, grad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
            }
        }
    }

    static double[] outputFunction(Task task, double[] z) {
        switch (task.kind()) {
            case BINARY -> {
                return new double[] {1 / (1 + Math.exp(-z[0]))};
            }
            case REGRESSION -> {
                return z.clone();
            }
            default -> {
                double s = 0;
                double[] p = new double[z.length];
                for (int k = 0; k < z.length; k++) {
                    p[k] = Math.exp(z[k]);
                    s += p[k];
                }
                for (int k = 0; k < z.length; k++) {
                    p[k] /= s;
                }
                return p;
            }
        }
    }
}

package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

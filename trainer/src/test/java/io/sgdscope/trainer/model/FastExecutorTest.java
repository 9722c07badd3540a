package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FastExecutorTest extends ModelExecutorContract {

    @Override
    protected ModelExecutor create(ModelSpec spec) {
        return new FastExecutor(spec);
    }

    @Test
    void oneRowGradientNormComesFromTheDeltasAndEqualsTheNormOfTheGradient() {
        // the outer-product identity |in ⊗ d| = |in||d| per dense layer, checked against a pass over the gradient
        for (String model : new String[] {"linear:5-2", "linear:5-3,bias=false", "mlp:6-9-4-3,act=relu",
                "mlp:7-8-1,act=tanh", "mlp:64-128-2"}) {
            ModelSpec spec = ModelSpec.parse(model);
            FastExecutor exec = new FastExecutor(spec);
            float[] p = spec.initialParams(11);
            float[] grad = new float[p.length];
            java.util.SplittableRandom rng = new java.util.SplittableRandom(model.hashCode());
            for (int trial = 0; trial < 5; trial++) {
                float[] x = new float[spec.inputs()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (3 * rng.nextGaussian());
                }
                Batch one = new Batch(1);
                one.add(x, spec.task().isClassification() ? rng.nextInt(spec.task().classes()) : rng.nextGaussian());
                exec.lossAndGradient(p, one, grad);
                double byPass = io.sgdscope.trainer.optim.Vectors.norm(grad);
                // float sums of at most a few hundred squares in two orders: each within n u (< 1e-4) of the exact sum
                assertThat(exec.lastGradientNorm()).as(model).isCloseTo(byPass, within(1e-4 * byPass + 1e-12));
            }
            Batch two = new Batch(2);
            two.add(new float[spec.inputs()], 0);
            two.add(new float[spec.inputs()], 0);
            exec.lossAndGradient(p, two, grad);
            assertThat(exec.lastGradientNorm()).as("a batch of two rows: no by-product").isNaN();
        }
        ModelSpec diagonal = ModelSpec.parse("dln:4-1");
        FastExecutor exec = new FastExecutor(diagonal);
        float[] p = diagonal.initialParams(1);
        Batch one = new Batch(1);
        one.add(new float[] {1, 2, 3, 4}, 1.0);
        exec.lossAndGradient(p, one, new float[p.length]);
        assertThat(exec.lastGradientNorm()).as("a diagonal layer is not an outer product").isNaN();
    }

    @Test
    void theFusedStepIsTheGradientStepWithoutTheGradient() {
        for (String model : new String[] {"linear:5-2", "linear:5-3,bias=false", "mlp:6-9-4-3,act=relu",
                "mlp:7-8-1,act=tanh", "mlp:64-128-2"}) {
            ModelSpec spec = ModelSpec.parse(model);
            FastExecutor exec = new FastExecutor(spec);
            float[] fused = spec.initialParams(3);
            float[] stepped = fused.clone();
            float[] grad = new float[fused.length];
            java.util.SplittableRandom rng = new java.util.SplittableRandom(model.hashCode());
            float lr = 0.05f;
            for (int step = 0; step < 20; step++) {
                float[] x = new float[spec.inputs()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                Batch one = new Batch(1);
                one.add(x, spec.task().isClassification() ? rng.nextInt(spec.task().classes()) : rng.nextGaussian());
                assertThat(exec.descends(one)).isTrue();
                double expectedLoss = exec.lossAndGradient(stepped, one, grad);
                double expectedNorm = io.sgdscope.trainer.optim.Vectors.norm(grad);
                for (int i = 0; i < stepped.length; i++) {
                    stepped[i] = Math.fma(-lr, grad[i], stepped[i]);
                }
                // both start from parameters equal to float rounding (an fma of in·(−lr·d) vs −lr·(in·d))
                double loss = exec.descend(fused, ModelExecutor.NO_VERSION, one, lr);
                assertThat(loss).as(model).isCloseTo(expectedLoss, within(1e-4 * Math.abs(expectedLoss) + 1e-6));
                assertThat(exec.lastGradientNorm()).isCloseTo(expectedNorm, within(1e-4 * expectedNorm + 1e-9));
                for (int i = 0; i < fused.length; i++) {
                    assertThat(fused[i]).as("%s parameter %d after step %d", model, i, step)
                            .isCloseTo(stepped[i], within(1e-5f * (1 + Math.abs(stepped[i]))));
                }
            }
        }
        ModelSpec spec = ModelSpec.parse("linear:2-2");
        FastExecutor exec = new FastExecutor(spec);
        Batch two = new Batch(2);
        two.add(new float[2], 0);
        two.add(new float[2], 1);
        assertThat(exec.descends(two)).as("two rows").isFalse();
        Batch oneOfFour = new Batch(1);
        oneOfFour.add(new float[4], 1.0);
        assertThat(new FastExecutor(ModelSpec.parse("dln:4-1")).descends(oneOfFour)).as("diagonal").isFalse();
        assertThat(new FastExecutor(ModelSpec.parse("linear:4-1")).descends(oneOfFour)).as("dense").isTrue();
        assertThatThrownBy(() -> exec.descend(spec.initialParams(1), ModelExecutor.NO_VERSION, two, 0.1f))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFusedStepWithANonFiniteLossLeavesTheParametersAlone() {
        ModelSpec spec = ModelSpec.parse("linear:2-1");
        FastExecutor exec = new FastExecutor(spec);
        float[] p = spec.initialParams(1);
        float[] before = p.clone();
        Batch one = new Batch(1);
        one.add(new float[] {Float.MAX_VALUE, Float.MAX_VALUE}, 1.0);
        p[0] = Float.MAX_VALUE;
        before[0] = Float.MAX_VALUE;
        double loss = exec.descend(p, ModelExecutor.NO_VERSION, one, 0.1f);
        assertThat(Double.isFinite(loss)).as("overflowed: %s", loss).isFalse();
        assertThat(p).containsExactly(before);
    }

    @Test
    void hiddenActivationsAreTheNonlinearityOfTheFirstLayer() {
        ModelSpec spec = ModelSpec.parse("mlp:3-2-2,act=relu");
        // W[i][j] at i + j*nIn: unit 0 sums x0 + x1, unit 1 is -x2; biases 0.5 and 0
        float[] p = new float[spec.layout().numParams()];
        p[0] = 1;
        p[1] = 1;
        p[3 + 2] = -1;
        p[6] = 0.5f;
        float[] out = new float[2];
        FastExecutor exec = new FastExecutor(spec);
        exec.hiddenActivations(p, new float[] {1, 2, 3}, 0, out);
        assertThat(out).containsExactly(3.5f, 0f);
        assertThat(exec.hiddenLayers()).isEqualTo(1);
        assertThat(exec.hiddenWidth(0)).isEqualTo(2);
        assertThatThrownBy(() -> exec.hiddenActivations(p, new float[3], 1, out))
                .hasMessageContaining("hidden layer 1 does not exist");
    }

    @Test
    void forwardRowGivesTheLogitsAndEveryHiddenLayerOfOnePass() {
        ModelSpec spec = ModelSpec.parse("mlp:4-5-3-3,act=tanh");
        float[] p = spec.initialParams(7);
        float[] x = {0.3f, -1.2f, 0.8f, 2.0f};
        FastExecutor exec = new FastExecutor(spec);
        float[] logits = new float[3];
        float[][] hidden = {new float[5], new float[3]};
        exec.forwardRow(p, x, logits, hidden);
        float[] expectedLogits = new float[3];
        exec.logits(p, x, expectedLogits);
        assertThat(logits).containsExactly(expectedLogits);
        for (int l = 0; l < 2; l++) {
            float[] expected = new float[hidden[l].length];
            exec.hiddenActivations(p, x, l, expected);
            assertThat(hidden[l]).containsExactly(expected);
        }
        assertThatThrownBy(() -> exec.forwardRow(p, x, logits, new float[1][]))
                .hasMessageContaining("hidden layers");
    }

    @Test
    void binaryLossIsTheStableFormOfTheLogit() {
        // a logit of 40 on the wrong class: the loss is softplus(40) = 40 + log1p(e^-40), not a clipped -log(1e-5)
        ModelSpec spec = ModelSpec.parse("linear:1-2,bias=false");
        Batch batch = new Batch(1);
        batch.add(new float[] {1}, 0);
        float[] grad = new float[1];
        double loss = new FastExecutor(spec).lossAndGradient(new float[] {40}, batch, grad);
        assertThat(loss).isCloseTo(40 + Math.log1p(Math.exp(-40)), within(1e-12));
        assertThat(grad).containsExactly(1f);
    }

    @Test
    void aKeptForwardPassIsReusedOnlyForItsParamsArrayRowAndVersion() {
        ModelSpec spec = ModelSpec.parse("mlp:4-6-3,act=relu");
        float[] a = TestData.randomParams(spec, 0.5, 1);
        float[] b = TestData.randomParams(spec, 0.5, 2);
        Batch row = TestData.samples(spec, 1, 3);
        float[] x = row.features(0);
        float[] out = new float[3];
        float[] expected = new float[a.length];
        FastExecutor exec = new FastExecutor(spec);
        double lossAtB = exec.lossAndGradient(b, row, expected);
        float[] grad = new float[a.length];

        // the caller writes b into a and says so with a new version: the kept pass of the old a is not used
        float[] live = a.clone();
        exec.output(live, 7, x, out);
        System.arraycopy(b, 0, live, 0, b.length);
        assertThat(exec.lossAndGradient(live, 8, row, grad)).isEqualTo(lossAtB);
        assertThat(grad).containsExactly(expected);

        // a row with the same values in another array, or another params array, is not the kept row either
        System.arraycopy(a, 0, live, 0, a.length);
        exec.output(live, 9, x, out);
        Batch copy = new Batch(1);
        copy.add(x.clone(), row.target(0));
        System.arraycopy(b, 0, live, 0, b.length);
        assertThat(exec.lossAndGradient(live, 9, copy, grad)).isEqualTo(lossAtB);
        exec.output(a, 10, x, out);
        assertThat(exec.lossAndGradient(b, 10, row, grad)).isEqualTo(lossAtB);

        // the same array, row and version: the kept pass is used, so a caller that writes the
        // parameters without bumping the version gets the gradient at the old values (at a)
        float[] atA = new float[a.length];
        double lossAtA = exec.lossAndGradient(a, row, atA);
        System.arraycopy(a, 0, live, 0, a.length);
        exec.output(live, 11, x, out);
        System.arraycopy(b, 0, live, 0, b.length);
        assertThat(exec.lossAndGradient(live, 11, row, grad)).isEqualTo(lossAtA);
        // ...once: the pass is used up
        assertThat(exec.lossAndGradient(live, 11, row, grad)).isEqualTo(lossAtB);
    }

    @Test
    void meanSquaredErrorGradientHasTheFactorTwo() {
        // f = w x with w = 1, x = 2, y = 1: loss (2 - 1)^2 = 1, dL/dw = 2 (f - y) x = 4
        ModelSpec spec = ModelSpec.parse("linear:1-1,bias=false");
        Batch batch = new Batch(1);
        batch.add(new float[] {2}, 1);
        float[] grad = new float[1];
        assertThat(new FastExecutor(spec).lossAndGradient(new float[] {1}, batch, grad)).isEqualTo(1.0);
        assertThat(grad).containsExactly(4f);
    }

    @Test
    void refusesUsersDl4jNetworks() {
        assertThatThrownBy(() -> new FastExecutor(ModelSpec.parse("dl4j:/tmp/net.zip")))
                .hasMessageContaining("dl4j executor only");
    }
}

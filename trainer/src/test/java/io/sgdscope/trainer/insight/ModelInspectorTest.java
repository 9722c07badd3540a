package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/** The inspector's wiring, on models whose metrics can be worked out by hand. */
class ModelInspectorTest {

    private static final InsightConfig CONFIG = InsightConfig.defaults();

    private static InsightReport inspect(ModelSpec spec, float[] params, Sample[] window, float[] teacher, double lr) {
        ModelInspector inspector = new ModelInspector(spec, new FastExecutor(spec), CONFIG, 1);
        return inspector.inspect(new ModelSnapshot("m", "s", spec, 7, 9, 0, lr, 0.01, params, window, teacher, null));
    }

    @Test
    void marginsOfABiasFreeLinearClassifierAreYTimesItsLogitAndNormaliseByTheWeightNorm() {
        ModelSpec spec = ModelSpec.parse("linear:2-2,bias=false");
        float[] w = {3, 4};    // ‖w‖ = 5
        float[][] xs = {{1, 0}, {0, 1}, {1, 1}, {-1, 0}, {0.5f, -1}};
        int[] ys = {1, 1, 0, 0, 1};
        boolean[] noisy = {false, false, true, false, true};
        Sample[] window = new Sample[xs.length];
        double[] margins = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double f = w[0] * xs[i][0] + w[1] * xs[i][1];
            margins[i] = (2 * ys[i] - 1) * f;
            window[i] = new Sample("s-" + i, "s", 0, xs[i], Label.ofClass(ys[i]),
                    new GroundTruth(Label.ofClass(noisy[i] ? 1 - ys[i] : ys[i]), noisy[i], 0));
        }
        InsightReport r = inspect(spec, w, window, null, 0.1);
        double[] sorted = margins.clone();
        Arrays.sort(sorted);
        assertThat(r.margin().min()).isCloseTo(sorted[0], within(1e-5));
        assertThat(r.margin().p50()).isCloseTo(sorted[2], within(1e-5));
        assertThat(r.margin().negativeFraction()).isEqualTo(2 / 5.0);   // -7 and -2.5
        assertThat(r.normalizedMargin().min()).isCloseTo(sorted[0] / 5, within(1e-5));
        // noisy samples 2 (y=0, f=7) and 4 (y=1, f=-2.5): the model predicts neither noisy label
        assertThat(r.memorization()).isEqualTo(0.0);
        assertThat(r.noisyInWindow()).isEqualTo(2);
        assertThat(r.paramNorm()).isCloseTo(5, within(1e-6));
        assertThat(r.updateRatio()).isCloseTo(0.01 / 5, within(1e-9));
        assertThat(r.l1Norm()).isCloseTo(7, within(1e-6));
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.spectralNorm()).isCloseTo(5, within(1e-5));
            assertThat(l.stableRank()).isCloseTo(1, within(1e-9));
            assertThat(l.featureRank()).isNaN();    // an output layer has no hidden activations
        });
    }

    @Test
    void aNetWithBiasesHasNoNormalisedMargin() {
        ModelSpec spec = ModelSpec.parse("linear:2-2");
        Sample[] window = {new Sample("s-0", "s", 0, new float[] {1, 0}, Label.ofClass(1), null),
                new Sample("s-1", "s", 0, new float[] {0, 1}, Label.ofClass(0), null)};
        InsightReport r = inspect(spec, new float[] {1, 1, 0}, window, null, 0.1);
        assertThat(r.margin().min()).isCloseTo(-1, within(1e-6));
        assertThat(r.normalizedMargin().min()).isNaN();
        assertThat(r.memorization()).isNaN();
    }

    @Test
    void sharpnessOfLogisticRegressionMatchesTheClosedFormHessianAndEosRatioIsEtaLambdaOverTwo() {
        ModelSpec spec = ModelSpec.parse("linear:3-2,bias=false");
        SplittableRandom rnd = new SplittableRandom(3);
        float[] w = {0.3f, -0.2f, 0.5f};
        int n = 256;
        Sample[] window = new Sample[n];
        double[][] h = new double[3][3];
        for (int i = 0; i < n; i++) {
            float[] x = {(float) rnd.nextGaussian(), (float) (2 * rnd.nextGaussian()), (float) rnd.nextGaussian()};
            window[i] = new Sample("s-" + i, "s", 0, x, Label.ofClass(rnd.nextInt(2)), null);
            double p = 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2] * x[2])));
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    h[a][b] += p * (1 - p) * x[a] * x[b] / n;
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, false, true);
        eig.decompose(new DMatrixRMaj(h));
        double lambda = 0;
        for (int i = 0; i < 3; i++) {
            lambda = Math.max(lambda, eig.getEigenvalue(i).getReal());
        }
        InsightReport r = inspect(spec, w, window, null, 0.5);
        assertThat(r.sharpness()).isCloseTo(lambda, within(0.01 * lambda));
        assertThat(r.eosRatio()).isCloseTo(0.5 * r.sharpness() / 2, within(1e-12));
    }

    @Test
    void aDlnReportsBetaSparsityAndSupportRecoveryAgainstTheTeacher() {
        ModelSpec spec = ModelSpec.parse("dln:4-1,init=0.1");
        // u, v: beta = u^2 - v^2 = (1, 0, -0.25, 0.0001)
        float[] params = {1, 0, 0, 0.01f, 0, 0, 0.5f, 0};
        Sample[] window = {new Sample("s-0", "s", 0, new float[] {1, 1, 1, 1}, Label.ofTarget(1), null),
                new Sample("s-1", "s", 0, new float[] {1, 0, 1, 0}, Label.ofTarget(0.5), null)};
        InsightReport r = inspect(spec, params, window, new float[] {2, 0, 0, 0}, 0.1);
        assertThat(r.l1Norm()).isCloseTo(1.2501, within(1e-5));
        assertThat(r.supportSize()).isEqualTo(2);          // |beta| > 0.1 * max|beta|: 1 and -0.25
        assertThat(r.supportPrecision()).isEqualTo(0.5);
        assertThat(r.supportRecall()).isEqualTo(1.0);
        assertThat(r.margin().min()).isNaN();              // regression has no margin
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("diagonal");
            assertThat(l.stableRank()).isNaN();
            assertThat(l.nearZero()).isEqualTo(0.5);       // 0 and 0.0001 are below 0.01 * max|beta|
        });
    }

    @Test
    void hiddenLayersGetFeatureRankAndDeadUnits() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,bias=false");
        float[] p = new float[spec.layout().numParams()];
        // hidden unit j copies input j for j < 3; unit 3 has weights -1 on every input and stays dead on positive inputs
        for (int j = 0; j < 3; j++) {
            p[spec.layout().layers().get(0).weightIndex(j, j)] = 1;
        }
        for (int i = 0; i < 3; i++) {
            p[spec.layout().layers().get(0).weightIndex(i, 3)] = -1;
        }
        Arrays.fill(p, spec.layout().layers().get(1).offset(), spec.layout().numParams(), 0.1f);
        SplittableRandom rnd = new SplittableRandom(9);
        Sample[] window = new Sample[64];
        for (int i = 0; i < window.length; i++) {
            // inputs on a 2-dimensional subspace of the positive orthant: x3 = x1
            float a = (float) rnd.nextDouble(0.1, 1);
            float b = (float) rnd.nextDouble(0.1, 1);
            window[i] = new Sample("s-" + i, "s", 0, new float[] {a, b, a}, Label.ofClass(0), null);
        }
        InsightReport r = inspect(spec, p, window, null, 0.1);
        InsightReport.LayerInsight hidden = r.layers().get(0);
        assertThat(hidden.deadUnits()).isEqualTo(0.25);
        assertThat(hidden.featureRank()).isEqualTo(2);
        assertThat(hidden.activationSparsity()).isEqualTo(0.25);
        assertThat(r.layers().get(1).deadUnits()).isNaN();
    }

    /**
     * One SGD step of a known gradient on least squares, loss mean (w·x − y)²: at θ₀ = (1, 1) the
     * rows ((1, 0), 2) and ((0, 1), −1) have residuals −1 and 2, so ∇L = (−1, 2) and with η = 0.1
     * θ₁ = (1.1, 0.8). Distance from θ₀: η‖∇L‖ = 0.1·√5; update ratio between the snapshots at
     * steps 0 and 1: 0.1·√5/‖θ₁‖ = 0.1·√5/√1.85, the global one-step ratio for an update of that
     * norm. A snapshot two steps later that moved by (0.3, 0) has ratio 0.3/(2‖θ₃‖).
     */
    @Test
    void distanceFromInitAndUpdateRatioAfterKnownSteps() {
        ModelSpec spec = ModelSpec.parse("linear:2-1,bias=false");
        Sample[] window = {regression(new float[] {1, 0}, 2), regression(new float[] {0, 1}, -1)};
        float[] theta0 = {1, 1};
        ModelInspector inspector = new ModelInspector(spec, new FastExecutor(spec), CONFIG, 1);
        InsightReport first = inspector.inspect(new ModelSnapshot("m", "s", spec, 0, 0, 0, 0.1, Double.NaN,
                theta0.clone(), window, null, theta0));
        assertThat(first.distanceFromInit()).isZero();
        assertThat(first.layers().get(0).updateRatio()).as("no earlier snapshot").isNaN();
        // the window's mean gradient, as the inspector sees it, is the hand-computed one
        assertThat(first.windowGradNorm()).isCloseTo(Math.sqrt(5), within(1e-6));

        float[] theta1 = {1.1f, 0.8f};
        double step = 0.1 * Math.sqrt(5);
        InsightReport second = inspector.inspect(new ModelSnapshot("m", "s", spec, 1, 1, 0, 0.1, step,
                theta1, window, null, theta0));
        assertThat(second.distanceFromInit()).isCloseTo(step, within(1e-6));
        assertThat(second.layers().get(0).distanceFromInit()).isCloseTo(step, within(1e-6));
        assertThat(second.layers().get(0).updateRatio()).isCloseTo(step / Math.sqrt(1.85), within(1e-6))
                .isCloseTo(second.updateRatio(), within(1e-6));

        float[] theta3 = {1.4f, 0.8f};
        InsightReport third = inspector.inspect(new ModelSnapshot("m", "s", spec, 3, 3, 0, 0.1, Double.NaN,
                theta3, window, null, theta0));
        assertThat(third.layers().get(0).updateRatio()).isCloseTo(0.3 / (2 * Math.sqrt(1.96 + 0.64)), within(1e-6));
    }

    /** Per-layer distances and gradient noises are over disjoint blocks, so they add up (in squares) to the model's. */
    @Test
    void perLayerDistancesAndNoiseAddUpToTheModels() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,act=tanh");
        float[] start = io.sgdscope.trainer.model.TestData.randomParams(spec, 0.5, 1);
        float[] now = io.sgdscope.trainer.model.TestData.randomParams(spec, 0.5, 2);
        SplittableRandom rnd = new SplittableRandom(3);
        Sample[] window = new Sample[16];
        for (int i = 0; i < window.length; i++) {
            float[] x = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
            window[i] = new Sample("s-" + i, "s", 0, x, Label.ofClass(x[0] > 0 ? 1 : 0), null);
        }
        InsightReport r = new ModelInspector(spec, new FastExecutor(spec), CONFIG, 1)
                .inspect(new ModelSnapshot("m", "s", spec, 5, 5, 0, 0.1, 0.01, now, window, null, start));
        double squares = 0;
        double noise = 0;
        for (InsightReport.LayerInsight l : r.layers()) {
            squares += l.distanceFromInit() * l.distanceFromInit();
            noise += l.gradientNoise();
            assertThat(l.gradientNoise()).isGreaterThan(0);
            assertThat(l.spectrum()).isNotNull();
            assertThat(Double.compare(l.spectrum().alpha(), l.alpha())).as("the same fit").isZero();
            assertThat(Arrays.stream(l.spectrum().counts()).sum()).isEqualTo(Math.min(l.inputs(), l.outputs()));
        }
        assertThat(Math.sqrt(squares)).isCloseTo(r.distanceFromInit(), within(1e-9));
        assertThat(noise).isCloseTo(r.gradientNoise(), within(1e-9 * noise));
        assertThat(r.hessianProbes()).isEqualTo(CONFIG.hessianProbes());
        assertThat(r.hessianTrace()).isFinite();
        assertThat(r.hessianTraceStdError()).isFinite();
    }

    private static Sample regression(float[] x, double y) {
        return new Sample("r", "s", 0, x, Label.ofTarget(y), null);
    }
}

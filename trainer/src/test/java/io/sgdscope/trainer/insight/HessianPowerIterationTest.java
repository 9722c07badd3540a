package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ReferenceModel;
import io.sgdscope.trainer.model.TestData;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class HessianPowerIterationTest {

    /** Tight enough that the Rayleigh quotient, which converges quadratically, is far inside 1%. */
    private static final double TIGHT = 1e-7;
    private static final int MANY = 2_000;

    @Test
    void sharpnessOfHalfWtAwIsTheTopEigenvalueOfA() {
        // A = Q diag(5, 2, 1, 0.5, 0.1, 0, ...) Q^T for a random rotation Q
        double[] eigen = {5, 2, 1, 0.5, 0.1, 0, 0, 0};
        double[][] a = rotated(eigen, 1);
        HessianPowerIteration hp = new HessianPowerIteration(new QuadraticExecutor(a), eigen.length, 2);
        float[] theta = randomPoint(eigen.length, 3);
        HessianPowerIteration.Estimate e = hp.estimate(theta, oneRow(eigen.length), MANY, TIGHT);
        assertThat(e.sharpness()).isCloseTo(5, within(0.01 * 5));
        assertThat(e.converged()).isTrue();
        assertThat(e.loss()).isCloseTo(0.5 * quadratic(a, theta), within(1e-5 * Math.abs(quadratic(a, theta))));
    }

    @Test
    void aDominantNegativeEigenvalueStillGivesTheTopOne() {
        // a saddle: |lambda_min| = 10 > lambda_max = 3, so plain power iteration would report -10
        double[] eigen = {-10, 3, 1, -2, 0.5, 0};
        double[][] a = rotated(eigen, 4);
        HessianPowerIteration hp = new HessianPowerIteration(new QuadraticExecutor(a), eigen.length, 5);
        HessianPowerIteration.Estimate e = hp.estimate(randomPoint(eigen.length, 6), oneRow(eigen.length), MANY, TIGHT);
        assertThat(e.sharpness()).isCloseTo(3, within(0.01 * 3));
        assertThat(e.converged()).isTrue();
    }

    /**
     * Least squares is exactly quadratic. FastExecutor's loss is the mean of (w.x + b - y)^2, so
     * its Hessian is (2/n) sum x~ x~^T with x~ = (x, 1) in the layout's order (W, then b).
     */
    @Property(tries = 12)
    void leastSquaresSharpnessIsTheTopEigenvalueOfTheClosedFormHessian(
            @ForAll @IntRange(min = 2, max = 24) int d, @ForAll @IntRange(min = 8, max = 200) int n,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        ModelSpec spec = ModelSpec.parse("linear:" + d + "-1");
        Batch batch = anisotropicDesign(d, n, seed);
        int p = d + 1;
        double[][] h = new double[p][p];
        for (int r = 0; r < n; r++) {
            double[] x = new double[p];
            for (int i = 0; i < d; i++) {
                x[i] = batch.features(r)[i];
            }
            x[d] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    h[i][j] += 2.0 / n * x[i] * x[j];
                }
            }
        }
        double expected = topEigenvalue(h);
        HessianPowerIteration hp = new HessianPowerIteration(new FastExecutor(spec), p, seed + 1);
        HessianPowerIteration.Estimate e = hp.estimate(TestData.randomParams(spec, 0.5, seed + 2), batch, MANY, TIGHT);
        assertThat(e.sharpness()).isCloseTo(expected, within(0.01 * expected));
    }

    /** Against the top eigenvalue of a brute-force Hessian: double-precision second differences of the loss. */
    @Property(tries = 20)
    void mlpSharpnessMatchesABruteForceDoublePrecisionHessian(@ForAll @LongRange(min = 0, max = 1_000) long seed) {
        ModelSpec spec = ModelSpec.parse("mlp:3-5-2,act=tanh");
        Batch batch = TestData.samples(spec, 64, seed);
        float[] params = TestData.randomParams(spec, 0.8, seed + 1);
        double[][] h = bruteForceHessian(new ReferenceModel(spec), TestData.toDouble(params), batch, 1e-4);
        double expected = topEigenvalue(h);
        HessianPowerIteration hp = new HessianPowerIteration(new FastExecutor(spec), params.length, seed + 2);
        HessianPowerIteration.Estimate e = hp.estimate(params, batch, MANY, TIGHT);
        assertThat(e.sharpness()).isCloseTo(expected, within(0.02 * Math.abs(expected)));
    }

    @Test
    void lossAndGradientNormAreTheExecutorsAtTheParameters() {
        ModelSpec spec = ModelSpec.parse("mlp:4-6-3,act=relu");
        Batch batch = TestData.samples(spec, 32, 8);
        float[] params = spec.initialParams(9);
        FastExecutor exec = new FastExecutor(spec);
        float[] grad = new float[params.length];
        double loss = exec.lossAndGradient(params, batch, grad);
        double norm = 0;
        for (float g : grad) {
            norm += (double) g * g;
        }
        HessianPowerIteration.Estimate e = new HessianPowerIteration(new FastExecutor(spec), params.length, 1)
                .estimate(params, batch, 50, 1e-4);
        assertThat(e.loss()).isEqualTo(loss);
        // Vectors.norm sums squares in float per block of 1024: agreement to float precision
        assertThat(e.gradientNorm()).isCloseTo(Math.sqrt(norm), within(1e-6 * Math.sqrt(norm)));
        assertThat(e.iterations()).isBetween(2, 50);
    }

    @Test
    void aWarmStartConvergesInFewerIterations() {
        ModelSpec spec = ModelSpec.parse("mlp:8-16-1,act=tanh");
        Batch batch = TestData.samples(spec, 128, 10);
        float[] theta = spec.initialParams(11);
        FastExecutor exec = new FastExecutor(spec);
        float[] grad = new float[theta.length];
        HessianPowerIteration warm = new HessianPowerIteration(new FastExecutor(spec), theta.length, 12);
        HessianPowerIteration.Estimate first = warm.estimate(theta, batch, 500, 1e-4);
        // ten gradient steps later, as the trainer would call it every K steps
        for (int t = 0; t < 10; t++) {
            exec.lossAndGradient(theta, batch, grad);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= 0.05f * grad[i];
            }
        }
        HessianPowerIteration.Estimate again = warm.estimate(theta, batch, 500, 1e-4);
        HessianPowerIteration.Estimate cold = new HessianPowerIteration(new FastExecutor(spec), theta.length, 12)
                .estimate(theta, batch, 500, 1e-4);
        assertThat(first.converged()).isTrue();
        assertThat(cold.converged()).isTrue();
        assertThat(again.converged()).isTrue();
        assertThat(again.iterations()).isLessThan(cold.iterations());
        assertThat(again.sharpness()).isCloseTo(cold.sharpness(), within(1e-3 * cold.sharpness()));
    }

    @Test
    void resetForgetsTheWarmStart() {
        ModelSpec spec = ModelSpec.parse("mlp:4-8-1,act=tanh");
        Batch batch = TestData.samples(spec, 64, 13);
        float[] theta = spec.initialParams(14);
        HessianPowerIteration hp = new HessianPowerIteration(new FastExecutor(spec), theta.length, 15);
        HessianPowerIteration.Estimate cold = hp.estimate(theta, batch, 300, 1e-4);
        HessianPowerIteration.Estimate warm = hp.estimate(theta, batch, 300, 1e-4);
        hp.reset();
        HessianPowerIteration.Estimate afterReset = hp.estimate(theta, batch, 300, 1e-4);
        // started on the converged vector, the same parameters settle at once; after reset it starts afresh
        assertThat(warm.iterations()).isEqualTo(2);
        assertThat(cold.iterations()).isGreaterThan(2);
        assertThat(afterReset.iterations()).isGreaterThan(2);
        assertThat(afterReset.sharpness()).isCloseTo(cold.sharpness(), within(1e-3 * cold.sharpness()));
    }

    @Test
    void equalSeedsGiveIdenticalEstimatesAndTheParametersAreNotModified() {
        ModelSpec spec = ModelSpec.parse("mlp:5-7-3,act=tanh");
        Batch batch = TestData.samples(spec, 40, 16);
        float[] theta = spec.initialParams(17);
        float[] copy = theta.clone();
        HessianPowerIteration.Estimate a = new HessianPowerIteration(new FastExecutor(spec), theta.length, 18)
                .estimate(theta, batch, 100, 1e-5);
        HessianPowerIteration.Estimate b = new HessianPowerIteration(new FastExecutor(spec), theta.length, 18)
                .estimate(theta, batch, 100, 1e-5);
        assertThat(a).isEqualTo(b);
        assertThat(theta).containsExactly(copy);
    }

    @Test
    void nonFiniteParametersGiveNaNAndTheNextEstimateRecovers() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,act=tanh");
        Batch batch = TestData.samples(spec, 16, 19);
        float[] good = spec.initialParams(20);
        HessianPowerIteration hp = new HessianPowerIteration(new FastExecutor(spec), good.length, 21);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] p = good.clone();
            p[3] = bad;
            HessianPowerIteration.Estimate e = hp.estimate(p, batch, 20, 1e-4);
            assertThat(e.sharpness()).isNaN();
            assertThat(e.converged()).isFalse();
        }
        assertThat(hp.estimate(good, batch, 200, 1e-5).sharpness()).isFinite().isPositive();
    }

    @Test
    void finiteParametersWhoseGradientOverflowsGiveNaN() {
        // least squares at |w| = 1e37: the residual 7e37 is finite in float, the gradient 2 r x is not
        ModelSpec spec = ModelSpec.parse("linear:2-1");
        Batch batch = new Batch(1);
        batch.add(new float[] {3, 4}, 0);
        float[] huge = {1e37f, 1e37f, 0};
        HessianPowerIteration.Estimate e = new HessianPowerIteration(new FastExecutor(spec), 3, 22)
                .estimate(huge, batch, 20, 1e-4);
        assertThat(e.sharpness()).isNaN();
        assertThat(e.converged()).isFalse();
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        ModelSpec spec = ModelSpec.parse("linear:2-1");
        HessianPowerIteration hp = new HessianPowerIteration(new FastExecutor(spec), 3, 1);
        Batch batch = TestData.samples(spec, 4, 1);
        assertThatThrownBy(() -> hp.estimate(new float[4], batch, 10, 1e-3)).hasMessageContaining("params has 4");
        assertThatThrownBy(() -> hp.estimate(new float[3], batch, 1, 1e-3)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> hp.estimate(new float[3], batch, 10, 0)).hasMessageContaining("relativeTolerance");
        assertThatThrownBy(() -> new HessianPowerIteration(new FastExecutor(spec), 0, 1))
                .hasMessageContaining("numParams");
    }

    @Test
    void theStepFollowsTheRootMeanSquareParameterAboveOne() {
        assertThat(HessianPowerIteration.step(0.25 * 100, 100)).isEqualTo(HessianPowerIteration.STEP_SCALE);
        assertThat(HessianPowerIteration.step(9.0 * 100, 100)).isCloseTo(3 * HessianPowerIteration.STEP_SCALE,
                within(1e-15));
    }

    // --- helpers ---

    /** Features scaled per column by 10^U(-1, 1) and mixed, so the eigenvalues spread out. */
    private static Batch anisotropicDesign(int d, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            scale[i] = Math.pow(10, rng.nextDouble(-1, 1));
        }
        Batch b = new Batch(n);
        for (int r = 0; r < n; r++) {
            float[] x = new float[d];
            double common = rng.nextGaussian();
            for (int i = 0; i < d; i++) {
                x[i] = (float) (scale[i] * (rng.nextGaussian() + 0.5 * common) + 0.3);
            }
            b.add(x, rng.nextGaussian());
        }
        return b;
    }

    private static double[][] bruteForceHessian(ReferenceModel ref, double[] p, Batch batch, double h) {
        int n = p.length;
        double[][] hess = new double[n][n];
        double[] q = p.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        System.arraycopy(p, 0, q, 0, n);
                        q[i] += si * h;
                        q[j] += sj * h;
                        s += si * sj * ref.loss(q, batch);
                    }
                }
                hess[i][j] = s / (4 * h * h);
                hess[j][i] = hess[i][j];
            }
        }
        return hess;
    }

    static double topEigenvalue(double[][] a) {
        int n = a.length;
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.set(i, j, a[i][j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("eigen-decomposition failed");
        }
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            top = Math.max(top, eig.getEigenvalue(i).real);
        }
        return top;
    }

    /** Q diag(eigen) Q^T with Q from Gram-Schmidt on a seeded Gaussian matrix. */
    static double[][] rotated(double[] eigen, long seed) {
        int n = eigen.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                q[k][i] = rng.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[k][i] * q[j][i];
                }
                for (int i = 0; i < n; i++) {
                    q[k][i] -= dot * q[j][i];
                }
            }
            double norm = Math.sqrt(Arrays.stream(q[k]).map(x -> x * x).sum());
            for (int i = 0; i < n; i++) {
                q[k][i] /= norm;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[k][i] * eigen[k] * q[k][j];
                }
            }
        }
        return a;
    }

    static float[] randomPoint(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rng.nextGaussian();
        }
        return p;
    }

    static Batch oneRow(int n) {
        Batch b = new Batch(1);
        b.add(new float[n], 0);
        return b;
    }

    private static double quadratic(double[][] a, float[] theta) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += theta[i] * a[i][j] * theta[j];
            }
        }
        return s;
    }

    /**
     * The loss ½θᵀAθ for a symmetric A, whatever the batch: gradient Aθ, rounded to float as an
     * executor's is. A test executor, so the Hessian is A exactly.
     */
    static final class QuadraticExecutor implements ModelExecutor {

        private final double[][] a;
        private final ModelSpec spec;

        QuadraticExecutor(double[][] a) {
            this.a = a;
            this.spec = ModelSpec.parse("linear:" + a.length + "-1,bias=false");
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public void output(float[] params, float[] x, float[] out) {
            out[0] = (float) (0.5 * quadratic(a, params));
        }

        @Override
        public double lossAndGradient(float[] params, Batch batch, float[] grad) {
            for (int i = 0; i < a.length; i++) {
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                    s += a[i][j] * params[j];
                }
                grad[i] = (float) s;
            }
            return 0.5 * quadratic(a, params);
        }
    }
}

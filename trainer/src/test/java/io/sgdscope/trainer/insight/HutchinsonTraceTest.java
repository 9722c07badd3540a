package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ReferenceModel;
import io.sgdscope.trainer.model.TestData;
import org.junit.jupiter.api.Test;

class HutchinsonTraceTest {

    @Test
    void aDiagonalHessianHasItsTraceExactlyWhateverTheProbes() {
        // Rademacher probes: z^T D z = tr(D) for every draw, so the draws agree and the error is zero
        double[] diagonal = {5, -2, 0.5, 3, 0, 1.25};
        double[][] a = new double[diagonal.length][diagonal.length];
        for (int i = 0; i < diagonal.length; i++) {
            a[i][i] = diagonal[i];
        }
        HutchinsonTrace trace = new HutchinsonTrace(new HessianPowerIterationTest.QuadraticExecutor(a), diagonal.length, 1);
        HutchinsonTrace.Estimate e = trace.estimate(HessianPowerIterationTest.randomPoint(diagonal.length, 2),
                HessianPowerIterationTest.oneRow(diagonal.length), 3);
        assertThat(e.trace()).isCloseTo(7.75, within(1e-3 * 7.75));
        assertThat(e.standardError()).isCloseTo(0, within(1e-3));
        assertThat(e.probes()).isEqualTo(3);
    }

    @Test
    void aRotatedQuadraticsTraceIsWithinItsStandardErrors() {
        double[] eigen = {4, 2, 1, 0.5, -1, 0.25, 0, 3};
        double exact = 9.75;
        double[][] a = HessianPowerIterationTest.rotated(eigen, 7);
        HutchinsonTrace trace = new HutchinsonTrace(new HessianPowerIterationTest.QuadraticExecutor(a), eigen.length, 3);
        HutchinsonTrace.Estimate e = trace.estimate(HessianPowerIterationTest.randomPoint(eigen.length, 4),
                HessianPowerIterationTest.oneRow(eigen.length), 2_000);
        // off-diagonal mass makes single draws vary; 2000 of them pin the mean down
        assertThat(e.standardError()).isGreaterThan(0).isLessThan(0.05 * exact);
        assertThat(e.trace()).isCloseTo(exact, within(4 * e.standardError()));
    }

    /**
     * A small tanh network: the exact trace is Σ ∂²L/∂θᵢ², each a second difference of the loss
     * in double precision (ReferenceModel, written from the definitions, not from the executor).
     */
    @Test
    void theTraceOfASmallNetworkMatchesTheSumOfItsExactDiagonalSecondDerivatives() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,act=tanh");
        Batch batch = TestData.samples(spec, 24, 11);
        float[] params = TestData.randomParams(spec, 0.8, 12);
        double exact = exactTrace(new ReferenceModel(spec), TestData.toDouble(params), batch, 1e-4);

        HutchinsonTrace trace = new HutchinsonTrace(new FastExecutor(spec), params.length, 13);
        HutchinsonTrace.Estimate e = trace.estimate(params, batch, 3_000);
        assertThat(exact).isGreaterThan(0);
        assertThat(e.standardError()).isGreaterThan(0).isLessThan(0.05 * exact);
        // the estimator's error, plus the float central difference's (well under 1%)
        assertThat(e.trace()).isCloseTo(exact, within(4 * e.standardError() + 0.01 * exact));
    }

    @Test
    void nonFiniteParametersGiveNoEstimateAndBadArgumentsAreRefused() {
        double[][] a = {{1, 0}, {0, 1}};
        HutchinsonTrace trace = new HutchinsonTrace(new HessianPowerIterationTest.QuadraticExecutor(a), 2, 1);
        assertThat(trace.estimate(new float[] {Float.NaN, 0}, HessianPowerIterationTest.oneRow(2), 4).trace()).isNaN();
        assertThatThrownBy(() -> trace.estimate(new float[2], HessianPowerIterationTest.oneRow(2), 0))
                .hasMessageContaining("probes");
        assertThatThrownBy(() -> trace.estimate(new float[3], HessianPowerIterationTest.oneRow(2), 1))
                .hasMessageContaining("3 values");
        assertThat(trace.estimate(new float[2], HessianPowerIterationTest.oneRow(2), 1).standardError()).isNaN();
    }

    static double exactTrace(ReferenceModel ref, double[] p, Batch batch, double h) {
        double centre = ref.loss(p, batch);
        double[] q = p.clone();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i] + h;
            double up = ref.loss(q, batch);
            q[i] = p[i] - h;
            double down = ref.loss(q, batch);
            q[i] = p[i];
            sum += (up - 2 * centre + down) / (h * h);
        }
        return sum;
    }
}

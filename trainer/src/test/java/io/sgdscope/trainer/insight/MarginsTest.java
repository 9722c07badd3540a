package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarginsTest {

    @Test
    void binaryMarginsOfAKnownLinearModel() {
        // z = 2 x0 - x1 + 0.5 (W column-major: w0, w1, then the bias)
        ModelSpec spec = ModelSpec.parse("linear:2-2");
        float[] p = {2, -1, 0.5f};
        FastExecutor exec = new FastExecutor(spec);
        float[] z = new float[1];
        exec.logits(p, new float[] {1, 1}, z); // z = 1.5
        assertThat(z[0]).isEqualTo(1.5f);
        assertThat(Margins.of(z, 1, true)).isEqualTo(1.5);
        assertThat(Margins.of(z, 0, true)).isEqualTo(-1.5);
        exec.logits(p, new float[] {0, 3}, z); // z = -2.5
        assertThat(Margins.of(z, 0, true)).isEqualTo(2.5);
    }

    @Test
    void multiclassMarginsOfAKnownLinearModel() {
        // 2 inputs, 3 classes, no bias: z_k = W[0][k] x0 + W[1][k] x1; W[i][k] at i + 2k
        // W = [[1, 0, -1], [0, 1, 2]]  ->  x = (2, 1): z = (2, 1, 0)
        ModelSpec spec = ModelSpec.parse("linear:2-3,bias=false");
        float[] p = {1, 0, 0, 1, -1, 2};
        float[] z = new float[3];
        new FastExecutor(spec).logits(p, new float[] {2, 1}, z);
        assertThat(z).containsExactly(2, 1, 0);
        assertThat(Margins.of(z, 0, false)).isEqualTo(1);   // 2 - max(1, 0)
        assertThat(Margins.of(z, 1, false)).isEqualTo(-1);  // 1 - max(2, 0)
        assertThat(Margins.of(z, 2, false)).isEqualTo(-2);  // 0 - max(2, 1)
        assertThat(Margins.logitNorm(z, 3)).isCloseTo(Math.sqrt(5), within(1e-12));
    }

    @Test
    void normalizedMarginIsScaleFreeForAHomogeneousNet() {
        // bias-free ReLU mlp: 2-homogeneous, so scaling θ by c scales the margin by c²
        ModelSpec spec = ModelSpec.parse("mlp:4-6-3,act=relu,bias=false");
        FastExecutor exec = new FastExecutor(spec);
        float[] p = spec.initialParams(5);
        float[] scaled = p.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3;
        }
        float[] x = {0.5f, -1, 2, 0.25f};
        float[] z = new float[3];
        exec.logits(p, x, z);
        double m = Margins.normalized(Margins.of(z, 1, false), norm(p), spec.homogeneityDegree());
        exec.logits(scaled, x, z);
        double ms = Margins.normalized(Margins.of(z, 1, false), norm(scaled), spec.homogeneityDegree());
        assertThat(ms).isCloseTo(m, within(1e-5 * Math.abs(m)));
    }

    @Test
    void logitsAreWhatTheOutputFunctionIsAppliedTo() {
        SplittableRandom rng = new SplittableRandom(1);
        for (String s : new String[] {"mlp:5-7-2,act=tanh", "mlp:5-7-4,act=relu", "linear:5-1", "dln:5-2"}) {
            ModelSpec spec = ModelSpec.parse(s);
            FastExecutor exec = new FastExecutor(spec);
            float[] p = spec.initialParams(2);
            if (spec.kind() == ModelSpec.Kind.DLN) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) rng.nextGaussian();
                }
            }
            int k = spec.task().outputs();
            float[] x = new float[5];
            for (int r = 0; r < 10; r++) {
                for (int i = 0; i < 5; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                float[] z = new float[k];
                float[] out = new float[k];
                exec.logits(p, x, z);
                exec.output(p, x, out);
                double[] expected = new double[k];
                switch (spec.task().kind()) {
                    case BINARY -> expected[0] = 1 / (1 + Math.exp(-z[0]));
                    case REGRESSION -> expected[0] = z[0];
                    case MULTICLASS -> {
                        double sum = 0;
                        for (int j = 0; j < k; j++) {
                            expected[j] = Math.exp(z[j]);
                            sum += expected[j];
                        }
                        for (int j = 0; j < k; j++) {
                            expected[j] /= sum;
                        }
                    }
                    default -> throw new AssertionError(spec);
                }
                for (int j = 0; j < k; j++) {
                    assertThat((double) out[j]).as("%s output %d", s, j).isCloseTo(expected[j], within(1e-6));
                }
            }
        }
        FastExecutor exec = new FastExecutor(ModelSpec.parse("linear:3-4"));
        assertThatThrownBy(() -> exec.logits(new float[16], new float[3], new float[2]))
                .hasMessageContaining("4 logits");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> Margins.of(new float[] {1}, 2, true)).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> Margins.of(new float[] {1, 2, 3}, 3, false)).hasMessageContaining("label 3");
        assertThatThrownBy(() -> Margins.of(new float[] {1}, 0, false)).hasMessageContaining("two logits");
        assertThatThrownBy(() -> Margins.of(new float[] {Float.NaN}, 0, true)).hasMessageContaining("logits[0]");
        assertThatThrownBy(() -> Margins.normalized(1, 0, 2)).hasMessageContaining("paramNorm");
    }

    private static double norm(float[] p) {
        double s = 0;
        for (float v : p) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}

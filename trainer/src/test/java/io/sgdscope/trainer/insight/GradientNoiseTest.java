package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import org.junit.jupiter.api.Test;

class GradientNoiseTest {

    /**
     * Least squares on one weight, loss (w·x − y)², at w = 0: the per-sample gradient is −2xy.
     * Rows (x, y) = (1, 1), (1, 3), (2, 1): g = −2, −6, −4; ḡ = −4; variance ((2)² + (−2)² + 0)/3
     * = 8/3; SNR 16/(8/3) = 6.
     */
    @Test
    void oneWeightLeastSquaresByHand() {
        ModelSpec spec = ModelSpec.parse("linear:1-1,bias=false");
        Batch batch = new Batch(3);
        batch.add(new float[] {1}, 1);
        batch.add(new float[] {1}, 3);
        batch.add(new float[] {2}, 1);
        GradientNoise noise = new GradientNoise(new FastExecutor(spec), 1, spec.layout().layers());
        GradientNoise.Result r = noise.of(new float[] {0}, batch);
        assertThat(r.variance()).isCloseTo(8.0 / 3, within(1e-6));
        assertThat(r.snr()).isCloseTo(6, within(1e-5));
        assertThat(r.layerVariance()).containsExactly(new double[] {8.0 / 3}, within(1e-6));
        assertThat(r.layerSnr()).containsExactly(new double[] {6}, within(1e-5));
    }

    /**
     * Two layers' variances add up to the whole model's: the covariance trace splits over
     * disjoint parameter blocks. With a bias the second coordinate's gradient is −2y: (−2, −6, −2)
     * with mean −10/3, variance ((4/3)² + (8/3)² + (4/3)²)/3 = 32/9; the weight's stays 8/3.
     */
    @Test
    void aBiasAddsItsOwnVariance() {
        ModelSpec spec = ModelSpec.parse("linear:1-1");
        Batch batch = new Batch(3);
        batch.add(new float[] {1}, 1);
        batch.add(new float[] {1}, 3);
        batch.add(new float[] {2}, 1);
        GradientNoise noise = new GradientNoise(new FastExecutor(spec), 2, spec.layout().layers());
        GradientNoise.Result r = noise.of(new float[] {0, 0}, batch);
        assertThat(r.variance()).isCloseTo(8.0 / 3 + 32.0 / 9, within(1e-5));
        double signal = 16 + 100.0 / 9;
        assertThat(r.snr()).isCloseTo(signal / (8.0 / 3 + 32.0 / 9), within(1e-5));
    }

    @Test
    void identicalSamplesHaveNoNoiseAndOneSampleIsNotEnough() {
        ModelSpec spec = ModelSpec.parse("linear:1-1,bias=false");
        Batch same = new Batch(2);
        same.add(new float[] {1}, 1);
        same.add(new float[] {1}, 1);
        GradientNoise noise = new GradientNoise(new FastExecutor(spec), 1, spec.layout().layers());
        GradientNoise.Result r = noise.of(new float[] {0}, same);
        assertThat(r.variance()).isZero();
        assertThat(r.snr()).isInfinite();
        Batch one = new Batch(1);
        one.add(new float[] {1}, 1);
        assertThat(noise.of(new float[] {0}, one).variance()).isNaN();
    }
}

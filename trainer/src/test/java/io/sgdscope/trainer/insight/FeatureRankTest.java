package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureRankTest {

    /**
     * Rows c·B + offset + noise: c ~ N(0, I_r), B an r x cols orthonormal-ish basis of random
     * Gaussian rows, noise N(0, 1e-4²) in every column.
     */
    static float[] subspaceData(int rows, int cols, int r, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] basis = new double[r][cols];
        for (int k = 0; k < r; k++) {
            for (int j = 0; j < cols; j++) {
                basis[k][j] = rng.nextGaussian() / Math.sqrt(cols);
            }
        }
        float[] x = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double[] c = new double[r];
            for (int k = 0; k < r; k++) {
                c[k] = rng.nextGaussian();
            }
            for (int j = 0; j < cols; j++) {
                double v = 3 + j * 0.1 + noise * rng.nextGaussian();
                for (int k = 0; k < r; k++) {
                    v += c[k] * basis[k][j];
                }
                x[i * cols + j] = (float) v;
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10})
    void dataInAnRDimensionalSubspacePlusTinyNoiseHasFeatureRankR(int r) {
        float[] x = subspaceData(512, 40, r, 1e-4, r);
        assertThat(FeatureRank.components(x, 512, 40, FeatureRank.DEFAULT_VARIANCE_FRACTION)).isEqualTo(r);
        // the offset is removed by centring: without it the mean direction would be one more component
    }

    @Test
    void fractionCountsTheLeadingComponents() {
        // independent columns with variances 100, 10, 1 (scaled Gaussians): 100/111 = 0.90, 110/111 = 0.991
        SplittableRandom rng = new SplittableRandom(4);
        int rows = 4000;
        float[] x = new float[rows * 3];
        for (int i = 0; i < rows; i++) {
            x[i * 3] = (float) (10 * rng.nextGaussian());
            x[i * 3 + 1] = (float) (Math.sqrt(10) * rng.nextGaussian());
            x[i * 3 + 2] = (float) rng.nextGaussian();
        }
        assertThat(FeatureRank.components(x, rows, 3, 0.5)).isEqualTo(1);
        assertThat(FeatureRank.components(x, rows, 3, 0.95)).isEqualTo(2);
        assertThat(FeatureRank.components(x, rows, 3, 0.999)).isEqualTo(3);
    }

    @Test
    void noVarianceMeansRankZero() {
        float[] constant = new float[30 * 4];
        java.util.Arrays.fill(constant, 2.5f);
        assertThat(FeatureRank.components(constant, 30, 4, 0.99)).isZero();
        assertThat(FeatureRank.components(new float[4], 1, 4, 0.99)).isZero();
        assertThat(FeatureRank.components(new float[0], 0, 4, 0.99)).isZero();
    }

    @Test
    void readsOnlyTheGivenRowsAndModifiesNothing() {
        float[] x = subspaceData(100, 8, 2, 1e-4, 3);
        float[] longer = java.util.Arrays.copyOf(x, x.length + 8 * 50);
        java.util.Arrays.fill(longer, x.length, longer.length, 1e6f); // garbage past the window
        float[] copy = longer.clone();
        assertThat(FeatureRank.components(longer, 100, 8, 0.99)).isEqualTo(2);
        assertThat(longer).isEqualTo(copy);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FeatureRank.components(new float[5], 2, 3, 0.99)).hasMessageContaining("2 x 3");
        assertThatThrownBy(() -> FeatureRank.components(new float[6], 2, 3, 0)).hasMessageContaining("varianceFraction");
        float[] nan = new float[6];
        nan[4] = Float.NaN;
        assertThatThrownBy(() -> FeatureRank.components(nan, 2, 3, 0.9)).hasMessageContaining("rowMajor[4]");
    }

    @Property(tries = 50)
    void rankIsBoundedAndIgnoresAConstantShift(@ForAll @IntRange(min = 0, max = 30) int rows,
            @ForAll @IntRange(min = 1, max = 10) int cols, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[rows * cols];
        float[] shifted = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(5) - 2; // small integers: the shift below is exact in float
            shifted[i] = x[i] + 64 * (i % cols);
        }
        int k = FeatureRank.components(x, rows, cols, 0.9);
        assertThat(k).isBetween(0, Math.min(Math.max(rows - 1, 0), cols));
        assertThat(FeatureRank.components(shifted, rows, cols, 0.9)).isEqualTo(k);
    }
}

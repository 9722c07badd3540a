package io.sgdscope.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorsTest {

    @Test
    void normAgreesWithTheNormSummedInDouble() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 7, 8, 1023, 1024, 1025, 8450, 70_000}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (rng.nextGaussian() * Math.exp(rng.nextGaussian()));
            }
            double exact = io.sgdscope.trainer.model.Kernels.normInDouble(v);
            // float sums of non-negative squares over blocks of 1024: relative error well under 1e-5
            assertThat(Vectors.norm(v)).as("n=%d", n).isCloseTo(exact, within(1e-5 * exact + 0.0));
        }
        assertThat(Vectors.norm(new float[] {3, 4})).isEqualTo(5.0);
    }

    @Test
    void aHugeFiniteVectorHasAFiniteNormAndANonFiniteOneDoesNot() {
        float[] huge = {1e30f, 1e30f, 1e30f, 1e30f};
        // each square overflows float: the norm is summed again in double
        assertThat(Vectors.norm(huge)).isCloseTo(2e30, within(1e24));
        assertThat(Vectors.norm(new float[] {1, Float.POSITIVE_INFINITY})).isInfinite();
        assertThat(Vectors.norm(new float[] {1, Float.NaN})).isNaN();
    }
}

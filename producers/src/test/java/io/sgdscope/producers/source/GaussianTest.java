package io.sgdscope.producers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ziggurat's draws against the standard normal's moments and tail probabilities. */
class GaussianTest {

    private static final int N = 1_000_000;

    /** Φ(x) by the complementary error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    @Test
    void momentsAndQuantilesMatchTheStandardNormal() {
        Gaussian g = new Gaussian(new SplittableRandom(3));
        double[] cuts = {-3.5, -2, -1, -0.3, 0, 0.5, 1.5, 2.5, 3.5};
        long[] below = new long[cuts.length];
        double sum = 0;
        double sq = 0;
        double fourth = 0;
        for (int i = 0; i < N; i++) {
            double x = g.next();
            sum += x;
            sq += x * x;
            fourth += x * x * x * x;
            for (int c = 0; c < cuts.length; c++) {
                below[c] += x < cuts[c] ? 1 : 0;
            }
        }
        // five standard errors: sd(x) = 1, sd(x²) = sqrt 2, sd(x⁴) = sqrt(105 - 9)
        assertThat(sum / N).isCloseTo(0, within(5 / Math.sqrt(N)));
        assertThat(sq / N).isCloseTo(1, within(5 * Math.sqrt(2.0 / N)));
        assertThat(fourth / N).isCloseTo(3, within(5 * Math.sqrt(96.0 / N)));
        for (int c = 0; c < cuts.length; c++) {
            double p = phi(cuts[c]);
            assertThat((double) below[c] / N).as("P(X < %s)", cuts[c])
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N) + 1e-6));
        }
    }

    @Test
    void equalSeedsGiveEqualDraws() {
        Gaussian a = new Gaussian(new SplittableRandom(9));
        Gaussian b = new Gaussian(new SplittableRandom(9));
        for (int i = 0; i < 1000; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }
}

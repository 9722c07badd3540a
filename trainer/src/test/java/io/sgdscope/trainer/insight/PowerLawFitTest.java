package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerLawFitTest {

    /** Inverse-CDF sampling of a Pareto: P(X > x) = (x/xmin)^(1-α), so x = xmin (1-u)^(-1/(α-1)). */
    static double[] pareto(double alpha, double xmin, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xmin * Math.pow(1 - rng.nextDouble(), -1 / (alpha - 1));
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"2.5, 1", "2.5, 2", "3.5, 3", "3.5, 4"})
    void alphaOfAParetoSampleIsWithinFourStandardErrors(double alpha, long seed) {
        int n = 2000;
        PowerLawFit.Fit fit = PowerLawFit.fit(pareto(alpha, 0.7, n, seed));
        // the MLE's standard error on a tail of k points is (α-1)/√k
        double se = (alpha - 1) / Math.sqrt(fit.tail());
        assertThat(fit.alpha()).isCloseTo(alpha, within(4 * se));
        // the whole sample is a power law, so the chosen xmin keeps most of it (which also keeps the SE small)
        assertThat(fit.tail()).isBetween(n / 4, n);
        assertThat(fit.xmin()).isGreaterThanOrEqualTo(0.7);
        // a sample from the model itself: the KS distance is of the order 1/√k
        assertThat(fit.ks()).isBetween(0.0, 2 / Math.sqrt(fit.tail()));
    }

    @Test
    void theTailBelowTheTrueXminIsCut() {
        // a Pareto above 1 plus a uniform bulk below it: the best xmin is near 1
        int n = 3000;
        double[] tail = pareto(3, 1, n, 7);
        double[] all = new double[2 * n];
        System.arraycopy(tail, 0, all, 0, n);
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = n; i < 2 * n; i++) {
            all[i] = rng.nextDouble(0.01, 1);
        }
        PowerLawFit.Fit fit = PowerLawFit.fit(all);
        double se = 2 / Math.sqrt(fit.tail());
        assertThat(fit.alpha()).isCloseTo(3, within(4 * se));
        assertThat(fit.xmin()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void mleOfAFixedTailMatchesItsClosedForm() {
        // with minTail = n only xmin = min is a candidate: α = 1 + n / Σ ln(x/xmin)
        double[] x = {1, 2, 4, 8};
        PowerLawFit.Fit fit = PowerLawFit.fit(x, 4);
        assertThat(fit.alpha()).isCloseTo(1 + 4 / (Math.log(2) + Math.log(4) + Math.log(8)), within(1e-12));
        assertThat(fit.xmin()).isEqualTo(1);
        assertThat(fit.tail()).isEqualTo(4);
        // KS by hand: CDF(x) = 1 - x^(1-α), steps at 0, 1/4, 2/4, 3/4, 1
        double a = fit.alpha();
        double d = 0;
        for (int i = 0; i < 4; i++) {
            double cdf = 1 - Math.pow(x[i], 1 - a);
            d = Math.max(d, Math.max(Math.abs(cdf - i / 4.0), Math.abs((i + 1) / 4.0 - cdf)));
        }
        assertThat(fit.ks()).isCloseTo(d, within(1e-12));
    }

    @Test
    void tooFewPositiveValuesGiveNoFit() {
        double[] x = new double[20];
        for (int i = 0; i < PowerLawFit.MIN_TAIL - 1; i++) {
            x[i] = i + 1;
        }
        PowerLawFit.Fit fit = PowerLawFit.fit(x); // 9 positive values and 11 zeros
        assertThat(fit.isValid()).isFalse();
        assertThat(fit.alpha()).isNaN();
        assertThat(fit.ks()).isNaN();
        assertThat(fit.tail()).isZero();
        // all equal: Σ ln(x/xmin) = 0 for every candidate
        assertThat(PowerLawFit.fit(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}).isValid()).isFalse();
    }

    @Test
    void inputIsNotModifiedAndBadInputIsRefused() {
        double[] x = pareto(2.5, 1, 50, 9);
        double[] copy = x.clone();
        PowerLawFit.fit(x);
        assertThat(x).isEqualTo(copy);
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1, Double.NaN})).hasMessageContaining("eigenvalues[1]");
        assertThatThrownBy(() -> PowerLawFit.fit(x, 1)).hasMessageContaining("minTail");
    }
}

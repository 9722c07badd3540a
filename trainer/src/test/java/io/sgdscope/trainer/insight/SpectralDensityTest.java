package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SpectralDensityTest {

    /**
     * Eigenvalues drawn exactly from a Pareto of exponent α above xmin: the fit recovers α within
     * four of its standard errors (α − 1)/√tail, and the weighted α is that α times log10 λmax.
     */
    @Test
    void aParetoSpectrumGivesItsExponentAndTheWeightedAlpha() {
        double alpha = 2.5;
        int m = 1500;
        double[] eig = PowerLawFitTest.pareto(alpha, 0.3, m, 21);
        SpectralDensity d = SpectralDensity.of(eig, 3000, m);
        assertThat(d.tail()).isGreaterThan(100);
        assertThat(d.alpha()).isCloseTo(alpha, within(4 * (alpha - 1) / Math.sqrt(d.tail())));
        double max = Arrays.stream(eig).max().orElseThrow();
        assertThat(d.lambdaMax()).isEqualTo(max);
        assertThat(d.alphaWeighted()).isCloseTo(d.alpha() * Math.log10(max), within(1e-12));
    }

    @Test
    void theHistogramCountsEveryPositiveEigenvalueOnceAndTheFitPredictsTheTail() {
        double[] eig = PowerLawFitTest.pareto(3, 1, 400, 5);
        eig[0] = 0; // a zero eigenvalue is not binned
        SpectralDensity d = SpectralDensity.of(eig, 500, 400);
        double[] edges = d.edges();
        int[] counts = d.counts();
        assertThat(edges).hasSize(counts.length + 1);
        assertThat(counts.length).isEqualTo(SpectralDensity.bins(399));
        for (int i = 1; i < edges.length; i++) {
            assertThat(edges[i]).isGreaterThan(edges[i - 1]);
            // log-spaced: equal ratios (the ends are the exact extremes)
            if (i > 1 && i < edges.length - 1) {
                assertThat(Math.log(edges[i] / edges[i - 1])).isCloseTo(Math.log(edges[i - 1] / edges[i - 2]),
                        within(1e-9));
            }
        }
        assertThat(Arrays.stream(counts).sum()).isEqualTo(399);
        // the Pareto CDF over the bins above xmin adds up to the tail (the last edge is λmax, so a little less)
        double predicted = Arrays.stream(d.fitCounts()).sum();
        assertThat(predicted).isLessThanOrEqualTo(d.tail()).isGreaterThan(0.9 * d.tail());
    }

    /**
     * A spiked random matrix: Gaussian noise of variance 1 plus k rank-one spikes s·u·vᵀ of
     * strength well above the detection threshold (NM)^(1/4) = 16.8 for 400 x 200: exactly k
     * eigenvalues beyond the Marchenko–Pastur edge, and the bulk's variance estimate is near 1.
     */
    @Test
    void kPlantedSpikesGiveKOutliers() {
        for (int k : new int[] {0, 1, 3}) {
            for (long seed = 1; seed <= 3; seed++) {
                SpectralDensity d = SpectralDensity.of(spiked(400, 200, k, seed).eigenvalues(), 400, 200);
                assertThat(d.outliers()).as("%d spikes, seed %d", k, seed).isEqualTo(k);
                assertThat(d.mpVariance()).isCloseTo(1, within(0.05));
                assertThat(d.mpEdge()).isCloseTo(d.mpVariance() * Math.pow(20 + Math.sqrt(200), 2), within(1e-6));
            }
        }
    }

    @Test
    void degenerateSpectraHaveNoFitAndNoOutliers() {
        SpectralDensity zero = SpectralDensity.of(new double[3], 3, 5);
        assertThat(zero.counts()).isEmpty();
        assertThat(zero.alpha()).isNaN();
        assertThat(zero.alphaWeighted()).isNaN();
        assertThat(zero.outliers()).isZero();
        SpectralDensity flat = SpectralDensity.of(new double[] {2, 2, 2, 2}, 4, 4);
        assertThat(flat.counts()).containsExactly(4);
        assertThat(flat.outliers()).isZero();
        assertThatThrownBy(() -> SpectralDensity.of(new double[2], 3, 5)).hasMessageContaining("3 eigenvalues");
    }

    /** Spectrum of G + Σ s_j u_j v_jᵀ, G with N(0, 1) entries, u_j, v_j unit, s_j = 50 + 10j. */
    static Spectrum spiked(int n, int m, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj w = new DMatrixRMaj(n, m);
        for (int i = 0; i < n * m; i++) {
            w.data[i] = rng.nextGaussian();
        }
        for (int j = 0; j < k; j++) {
            double[] u = unit(n, rng);
            double[] v = unit(m, rng);
            double s = 50 + 10 * j;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < m; c++) {
                    w.add(r, c, s * u[r] * v[c]);
                }
            }
        }
        return Spectrum.of(w);
    }

    private static double[] unit(int n, SplittableRandom rng) {
        double[] x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            s += x[i] * x[i];
        }
        for (int i = 0; i < n; i++) {
            x[i] /= Math.sqrt(s);
        }
        return x;
    }
}

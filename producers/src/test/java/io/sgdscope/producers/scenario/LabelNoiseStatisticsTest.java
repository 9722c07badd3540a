package io.sgdscope.producers.scenario;

import static io.sgdscope.producers.scenario.ScenarioFixture.cls;
import static io.sgdscope.producers.scenario.ScenarioFixture.run;
import static io.sgdscope.producers.scenario.ScenarioFixture.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.Sample;
import org.junit.jupiter.api.Test;

/** Realised noise against the configured rates, with tolerances from the sample size. */
class LabelNoiseStatisticsTest {

    private static final int N = 20_000;

    @Test
    void symmetricFlipsHappenAtTheConfiguredRateAndKeepTheCleanLabel() {
        var r = run("""
                source: { type: teacher-linear, dimension: 8 }
                phases:
                  - noise: { type: symmetric, rate: 0.2 }
                """, 1, N);
        long noisy = 0;
        for (Sample s : r.samples()) {
            boolean flipped = cls(s.label()) != cls(s.truth().cleanLabel());
            assertThat(s.truth().noisy()).isEqualTo(flipped);
            noisy += flipped ? 1 : 0;
        }
        assertThat((double) noisy / N).isCloseTo(0.2, within(tolerance(0.2, N)));
    }

    @Test
    void transitionMatrixIsRealisedRowByRow() {
        double[][] m = {{0.7, 0.2, 0.1}, {0, 1, 0}, {0.25, 0.25, 0.5}};
        var r = run("""
                source: { type: gaussian-mixture, classes: 3, dimension: 4 }
                phases:
                  - noise: { type: matrix, matrix: [[0.7, 0.2, 0.1], [0, 1, 0], [0.25, 0.25, 0.5]] }
                """, 2, 30_000);
        long[][] counts = new long[3][3];
        long[] rows = new long[3];
        for (Sample s : r.samples()) {
            counts[cls(s.truth().cleanLabel())][cls(s.label())]++;
            rows[cls(s.truth().cleanLabel())]++;
        }
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                assertThat((double) counts[c][j] / rows[c]).as("P(observed %d | clean %d)", j, c)
                        .isCloseTo(m[c][j], within(tolerance(m[c][j], rows[c])));
            }
        }
    }

    @Test
    void pairFlipsMoveEachClassToTheNextOne() {
        var r = run("""
                source: { type: gaussian-mixture, classes: 3, dimension: 4 }
                phases:
                  - noise: { type: pair, rate: 0.3 }
                """, 3, N);
        long flipped = 0;
        for (Sample s : r.samples()) {
            int clean = cls(s.truth().cleanLabel());
            int seen = cls(s.label());
            assertThat(seen).isIn(clean, (clean + 1) % 3);
            flipped += seen != clean ? 1 : 0;
        }
        assertThat((double) flipped / N).isCloseTo(0.3, within(tolerance(0.3, N)));
    }

    @Test
    void marginNoiseFlipsExactlyThePointsInsideTheBand() {
        var r = run("""
                source: { type: teacher-linear, dimension: 8 }
                phases:
                  - noise: { type: margin, band: 0.5 }
                """, 4, N);
        float[] w = r.events().get(0).teacherWeights();
        long flipped = 0;
        for (Sample s : r.samples()) {
            double distance = Math.abs(ScenarioFixture.dot(w, s.features()));
            assertThat(s.truth().noisy()).isEqualTo(distance < 0.5);
            flipped += s.truth().noisy() ? 1 : 0;
        }
        // |<w, x>| of a unit w and Gaussian x is |N(0, 1)|: P(|Z| < 0.5) = erf(0.5 / sqrt 2)
        double expected = ScenarioFixture.erf(0.5 / Math.sqrt(2));
        assertThat((double) flipped / N).isCloseTo(expected, within(tolerance(expected, N)));
    }

    @Test
    void gaussianTargetNoiseHasTheConfiguredVariance() {
        var r = run("""
                source: { type: sparse-regression, dimension: 10, sigma: 0 }
                phases:
                  - noise: { type: gaussian, sigma: 2 }
                """, 5, N);
        double sum = 0;
        double sq = 0;
        for (Sample s : r.samples()) {
            double e = s.label().asDouble() - s.truth().cleanLabel().asDouble();
            sum += e;
            sq += e * e;
        }
        double mean = sum / N;
        double var = sq / N - mean * mean;
        assertThat(mean).isCloseTo(0, within(ScenarioFixture.meanTolerance(2, N)));
        // the sample variance of N(0, s²) has standard deviation s² sqrt(2 / n)
        assertThat(var).isCloseTo(4, within(5 * 4 * Math.sqrt(2.0 / N)));
    }

    @Test
    void studentTNoiseHasTheHeavyTailOfItsDistribution() {
        var r = run("""
                source: { type: sparse-regression, dimension: 10, sigma: 0 }
                phases:
                  - noise: { type: student-t, df: 3, scale: 1 }
                """, 6, 50_000);
        long beyond = r.samples().stream()
                .filter(s -> Math.abs(s.label().asDouble() - s.truth().cleanLabel().asDouble()) > 5).count();
        // t with 3 degrees of freedom: F(t) = 1/2 + (u / (1 + u²) + atan u) / π with u = t / sqrt 3
        double u = 5 / Math.sqrt(3);
        double tail = 2 * (0.5 - (u / (1 + u * u) + Math.atan(u)) / Math.PI);
        assertThat((double) beyond / r.samples().size()).isCloseTo(tail, within(tolerance(tail, r.samples().size())));
    }

    @Test
    void outliersAppearAtTheConfiguredRateWithTheirMagnitude() {
        var r = run("""
                source: { type: sparse-regression, dimension: 10 }
                phases:
                  - noise: { type: outliers, rate: 0.05, magnitude: 100 }
                """, 7, N);
        long outliers = 0;
        for (Sample s : r.samples()) {
            double e = s.label().asDouble() - s.truth().cleanLabel().asDouble();
            assertThat(Math.abs(e) < 1e-9 || Math.abs(Math.abs(e) - 100) < 1e-6).isTrue();
            outliers += s.truth().noisy() ? 1 : 0;
        }
        assertThat((double) outliers / N).isCloseTo(0.05, within(tolerance(0.05, N)));
    }

    @Test
    void eachPhaseHasItsOwnNoise() {
        var r = run("""
                source: { type: teacher-linear, dimension: 8 }
                phases:
                  - noise: { type: symmetric, rate: 0.1 }
                  - start: 10000
                    noise: { type: none }
                  - start: 20000
                    noise: { type: symmetric, rate: 0.4 }
                """, 8, 30_000);
        long[] noisy = new long[3];
        for (int i = 0; i < 30_000; i++) {
            noisy[i / 10_000] += r.samples().get(i).truth().noisy() ? 1 : 0;
        }
        assertThat(noisy[0] / 1e4).isCloseTo(0.1, within(tolerance(0.1, 10_000)));
        assertThat(noisy[1]).isZero();
        assertThat(noisy[2] / 1e4).isCloseTo(0.4, within(tolerance(0.4, 10_000)));
        assertThat(r.events()).extracting(e -> e.kind().name()).containsExactly("START", "NOISE", "NOISE");
    }
}

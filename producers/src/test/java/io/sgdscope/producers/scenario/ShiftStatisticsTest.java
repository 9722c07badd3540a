package io.sgdscope.producers.scenario;

import static io.sgdscope.producers.scenario.ScenarioFixture.cls;
import static io.sgdscope.producers.scenario.ScenarioFixture.meanTolerance;
import static io.sgdscope.producers.scenario.ScenarioFixture.run;
import static io.sgdscope.producers.scenario.ScenarioFixture.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shifts realised as configured, with tolerances from the sample size. */
class ShiftStatisticsTest {

    @Test
    void classPriorsBeforeAndAfterAPriorShift() {
        var r = run("""
                source: { type: gaussian-mixture, classes: 3, dimension: 4 }
                phases:
                  - start: 0
                  - start: 15000
                    shift: { prior: [0.6, 0.3, 0.1] }
                """, 11, 30_000);
        double[] before = new double[3];
        double[] after = new double[3];
        for (int i = 0; i < 30_000; i++) {
            (i < 15_000 ? before : after)[cls(r.samples().get(i).label())]++;
        }
        double[] priors = {0.6, 0.3, 0.1};
        for (int c = 0; c < 3; c++) {
            assertThat(before[c] / 15_000).isCloseTo(1 / 3.0, within(tolerance(1 / 3.0, 15_000)));
            assertThat(after[c] / 15_000).isCloseTo(priors[c], within(tolerance(priors[c], 15_000)));
        }
        assertThat(r.events().get(1).kind()).isEqualTo(DriftEvent.Kind.PRIOR);
    }

    @Test
    void featureMeansAndScaleAfterACovariateShiftAndTheTeacherStillLabels() {
        var r = run("""
                source: { type: teacher-linear, dimension: 4 }
                phases:
                  - start: 0
                  - start: 5000
                    shift: { covariate: { mean: [1, -2, 0.5, 3], scale: 3 } }
                """, 12, 25_000);
        double[] offset = {1, -2, 0.5, 3};
        float[] w = r.events().get(0).teacherWeights();
        int n = 20_000;
        double[] sum = new double[4];
        double[] sq = new double[4];
        for (int i = 5_000; i < 25_000; i++) {
            Sample s = r.samples().get(i);
            for (int j = 0; j < 4; j++) {
                sum[j] += s.features()[j];
                sq[j] += s.features()[j] * s.features()[j];
            }
            // a covariate shift keeps P(y|x): the teacher labels the moved point
            assertThat(cls(s.label())).isEqualTo(ScenarioFixture.dot(w, s.features()) > 0 ? 1 : 0);
        }
        for (int j = 0; j < 4; j++) {
            double mean = sum[j] / n;
            assertThat(mean).isCloseTo(offset[j], within(meanTolerance(3, n)));
            assertThat(sq[j] / n - mean * mean).isCloseTo(9, within(5 * 9 * Math.sqrt(2.0 / n)));
        }
        double before = 0;
        for (int i = 0; i < 5_000; i++) {
            before += r.samples().get(i).features()[3];
        }
        assertThat(before / 5_000).isCloseTo(0, within(meanTolerance(1, 5_000)));
    }

    @Test
    void rotationKeepsNormsAndTurnsTheFeatures() {
        var plain = run("source: { type: teacher-linear, dimension: 6 }", 13, 200);
        var turned = run("""
                source: { type: teacher-linear, dimension: 6 }
                phases:
                  - shift: { covariate: { rotation: 90 } }
                """, 13, 200);
        for (int i = 0; i < 200; i++) {
            float[] a = plain.samples().get(i).features();
            float[] b = turned.samples().get(i).features();
            assertThat(Math.sqrt(ScenarioFixture.dot(b, b))).isCloseTo(Math.sqrt(ScenarioFixture.dot(a, a)), within(1e-4));
        }
        assertThat(plain.samples().get(0).features()).isNotEqualTo(turned.samples().get(0).features());
    }

    /** The expected share of the new phase in [from, to) of a gradual change at s with width w. */
    private static double sigmoidShare(long from, long to, long s, long w) {
        double sum = 0;
        for (long t = from; t < to; t++) {
            sum += t - s >= w ? 1 : 1 / (1 + Math.exp(-4.0 * (t - s - w / 2.0) / w));
        }
        return sum / (to - from);
    }

    @Test
    void gradualTransitionFollowsTheSigmoidMixingCurve() {
        long s = 10_000;
        long w = 8_000;
        var r = run("""
                source: { type: sea, function: 1 }
                phases:
                  - start: 0
                  - start: 10000
                    transition: gradual
                    width: 8000
                    shift: { concept: { function: 3 } }
                """, 14, 20_000);
        assertThat(r.samples().subList(0, 10_000)).allMatch(x -> x.truth().phase() == 0);
        assertThat(r.samples().subList(18_000, 20_000)).allMatch(x -> x.truth().phase() == 1);
        int bin = 500;
        for (long from = s; from < s + w; from += bin) {
            long newPhase = 0;
            for (long t = from; t < from + bin; t++) {
                newPhase += r.phase((int) t);
            }
            double expected = sigmoidShare(from, from + bin, s, w);
            assertThat((double) newPhase / bin).as("share of the new concept in [%d, %d)", from, from + bin)
                    .isCloseTo(expected, within(tolerance(expected, bin)));
        }
        DriftEvent e = r.events().get(1);
        assertThat(e.transition()).isEqualTo(DriftEvent.Transition.GRADUAL);
        assertThat(List.of(e.sampleIndex(), e.gradualStartIndex(), e.gradualEndIndex())).containsExactly(s, s, s + w);
        // SEA labels follow the concept each sample came from: threshold 8 for function 1, 7 for function 3
        for (Sample x : r.samples()) {
            double threshold = x.truth().phase() == 0 ? 8 : 7;
            assertThat(cls(x.label())).isEqualTo(x.features()[0] + x.features()[1] <= threshold ? 1 : 0);
        }
    }

    @Test
    void incrementalTransitionMovesTheMeanLinearly() {
        var r = run("""
                source: { type: teacher-linear, dimension: 2 }
                phases:
                  - start: 0
                  - start: 1000
                    transition: incremental
                    width: 10000
                    shift: { covariate: { mean: 10 } }
                """, 15, 12_000);
        int bin = 2_000;
        for (int from = 1_000; from < 11_000; from += bin) {
            double sum = 0;
            for (int t = from; t < from + bin; t++) {
                sum += r.samples().get(t).features()[0];
            }
            double expected = 10 * ((from - 1_000) + (bin - 1) / 2.0) / 10_000;
            assertThat(sum / bin).isCloseTo(expected, within(meanTolerance(1, bin)));
        }
    }

    @Test
    void sparseTeacherHasExactlyKNonZerosAndTheDataRevealItsSupport() {
        int n = 20_000;
        var r = run("""
                source: { type: sparse-regression, dimension: 40, sparsity: 5, sigma: 0.1 }
                """, 16, n);
        float[] beta = r.events().get(0).teacherWeights();
        int nonZero = 0;
        for (float b : beta) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertThat(nonZero).isEqualTo(5);
        // E[y x_j] = beta_j for x ~ N(0, I); var(y x_j) = |beta|² + sigma² + beta_j² <= 5.01 + 1
        double sd = Math.sqrt(5.01 + 1);
        for (int j = 0; j < beta.length; j++) {
            double m = 0;
            for (Sample s : r.samples()) {
                m += s.label().asDouble() * s.features()[j];
            }
            assertThat(m / n).as("E[y x_%d]", j).isCloseTo(beta[j], within(meanTolerance(sd, n)));
        }
    }

    @Test
    void spuriousCorrelationFollowsRhoInEachPhase() {
        var r = run("""
                source: { type: spurious, dimension: 6, rho: 0.9 }
                phases:
                  - start: 0
                  - start: 10000
                    shift: { spurious: { rho: 0.2 } }
                """, 17, 20_000);
        double[] agree = new double[2];
        for (int i = 0; i < 20_000; i++) {
            Sample s = r.samples().get(i);
            int sign = 2 * cls(s.label()) - 1;
            agree[i / 10_000] += Math.signum(s.features()[5]) == sign ? 1 : 0;
        }
        assertThat(agree[0] / 10_000).isCloseTo(0.9, within(tolerance(0.9, 10_000)));
        assertThat(agree[1] / 10_000).isCloseTo(0.2, within(tolerance(0.2, 10_000)));
        assertThat(r.events().get(1).kind()).isEqualTo(DriftEvent.Kind.SPURIOUS);
    }

    @Test
    void conceptRotationTurnsTheTeacherByExactlyTheAngle() {
        var r = run("""
                source: { type: teacher-linear, dimension: 16 }
                phases:
                  - start: 0
                  - start: 100
                    shift: { concept: { rotation: 30 } }
                """, 18, 200);
        float[] before = r.events().get(0).teacherWeights();
        float[] after = r.events().get(1).teacherWeights();
        assertThat(Math.toDegrees(Math.acos(ScenarioFixture.dot(before, after)))).isCloseTo(30, within(1e-3));
        for (Sample s : r.samples().subList(100, 200)) {
            assertThat(cls(s.label())).isEqualTo(ScenarioFixture.dot(after, s.features()) > 0 ? 1 : 0);
        }
        assertThat(r.events().get(1).kind()).isEqualTo(DriftEvent.Kind.CONCEPT);
    }

    @Test
    void separableMarginKeepsEveryPointOutsideTheBand() {
        var r = run("source: { type: teacher-linear, dimension: 8, margin: 0.3 }", 19, 5_000);
        float[] w = r.events().get(0).teacherWeights();
        assertThat(r.samples()).allMatch(s -> Math.abs(ScenarioFixture.dot(w, s.features())) >= 0.3);
    }
}

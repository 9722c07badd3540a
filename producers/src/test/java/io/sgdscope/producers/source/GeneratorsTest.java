package io.sgdscope.producers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.source.gen.GaussianMixtureSource;
import io.sgdscope.producers.source.gen.HyperplaneSource;
import io.sgdscope.producers.source.gen.RbfDriftSource;
import io.sgdscope.producers.source.gen.SeaSource;
import io.sgdscope.producers.source.gen.SparseParitySource;
import io.sgdscope.producers.source.gen.TeacherMlpSource;
import org.junit.jupiter.api.Test;

/** Closed-form behaviour of the generators that the scenario tests do not cover. */
class GeneratorsTest {

    private static int cls(Sample s) {
        return ((Label.ClassIndex) s.label()).index();
    }

    @Test
    void hyperplaneWeightsMoveByTheMagnitudeEverySample() {
        HyperplaneSource h = new HyperplaneSource("h", 10, 3, 0.01, 0, 1, 1, () -> 0L);
        double[] before = h.weights();
        for (int i = 0; i < 100; i++) {
            h.next();
        }
        double[] after = h.weights();
        for (int i = 0; i < 3; i++) {
            // sigma 0: the direction never reverses, so 100 steps of +0.01
            assertThat(after[i] - before[i]).isCloseTo(1.0, within(1e-9));
        }
        for (int i = 3; i < 10; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
    }

    @Test
    void hyperplaneLabelsAreTheSideOfTheCurrentHyperplane() {
        HyperplaneSource h = new HyperplaneSource("h", 5, 2, 0.001, 0.1, 2, 2, () -> 0L);
        for (int i = 0; i < 1000; i++) {
            double[] w = h.weights();
            Sample s = h.next().orElseThrow();
            double dot = 0;
            double total = 0;
            for (int j = 0; j < 5; j++) {
                dot += w[j] * s.features()[j];
                total += w[j];
            }
            assertThat(cls(s)).isEqualTo(dot >= total / 2 ? 1 : 0);
        }
    }

    @Test
    void rbfCentroidsDriftAtTheirSpeedAndStayInTheCube() {
        RbfDriftSource r = new RbfDriftSource("r", 4, 2, 5, 1, 0.01, 3, 3, () -> 0L);
        double[] moving = r.centre(0);
        double[] still = r.centre(1);
        r.next();
        double step = 0;
        for (int i = 0; i < 4; i++) {
            step += Math.pow(r.centre(0)[i] - moving[i], 2);
        }
        // one step of length speed (the direction is a unit vector to float precision), shorter if it bounced off a face
        assertThat(Math.sqrt(step)).isLessThanOrEqualTo(0.01 * (1 + 1e-6)).isPositive();
        assertThat(r.centre(1)).containsExactly(still);
        for (int i = 0; i < 10_000; i++) {
            r.next();
        }
        for (double v : r.centre(0)) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void sparseParityLabelIsTheParityOfTheRelevantBits() {
        SparseParitySource p = new SparseParitySource("p", 70, 4, 5, 5, null, () -> 0L);
        assertThat(p.relevant()).hasSize(4);
        for (int i = 0; i < 2000; i++) {
            Sample s = p.next().orElseThrow();
            int negatives = 0;
            for (int j : p.relevant()) {
                negatives += s.features()[j] < 0 ? 1 : 0;
            }
            assertThat(cls(s)).isEqualTo(negatives % 2 == 0 ? 1 : 0);
            assertThat(s.features()).containsOnly(-1f, 1f);
        }
    }

    @Test
    void seaThresholdsFollowTheFunction() {
        double[] thresholds = {8, 9, 7, 9.5};
        for (int f = 1; f <= 4; f++) {
            SeaSource sea = new SeaSource("s", f, 7, () -> 0L);
            for (int i = 0; i < 500; i++) {
                Sample s = sea.next().orElseThrow();
                assertThat(cls(s)).isEqualTo(s.features()[0] + s.features()[1] <= thresholds[f - 1] ? 1 : 0);
            }
        }
    }

    @Test
    void teacherMlpDoesNotStarveAClass() {
        TeacherMlpSource t = new TeacherMlpSource("m", 16, 32, 3, 9, 9, null, () -> 0L);
        int[] counts = new int[3];
        for (int i = 0; i < 6000; i++) {
            counts[cls(t.next().orElseThrow())]++;
        }
        // centred logits: every class gets a real share (a starved class would be near 0)
        for (int c : counts) {
            assertThat(c).isGreaterThan(6000 / 10);
        }
    }

    @Test
    void mixtureMeansHaveTheSeparationAsNormAndSamplesCentreOnThem() {
        GaussianMixtureSource g = new GaussianMixtureSource("g", 8, 2, 3, null, 4, 4, () -> 0L);
        double[][] sum = new double[2][8];
        int[] n = new int[2];
        for (int i = 0; i < 20_000; i++) {
            Sample s = g.next().orElseThrow();
            int c = cls(s);
            n[c]++;
            for (int j = 0; j < 8; j++) {
                sum[c][j] += s.features()[j];
            }
        }
        for (int c = 0; c < 2; c++) {
            float[] mu = g.mean(c);
            double norm = 0;
            for (float v : mu) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(3, within(1e-5));
            for (int j = 0; j < 8; j++) {
                assertThat(sum[c][j] / n[c]).isCloseTo(mu[j], within(5 / Math.sqrt(n[c])));
            }
        }
    }
}

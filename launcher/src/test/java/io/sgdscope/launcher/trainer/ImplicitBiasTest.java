package io.sgdscope.launcher.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.insight.InsightReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the literature predicts about SGD's implicit bias, reproduced from built-in scenarios
 * through the real trainer and read off its own metrics.
 */
class ImplicitBiasTest {

    /**
     * Sparse regression with fewer samples than dimensions (40 of the 100-dimensional,
     * 5-sparse scenario, replayed), on a diagonal linear network initialised at α = 0.1, small
     * against |β*| = 1: both variants interpolate, but label noise drives SGD toward the sparse
     * interpolator (HaoChen et al. 2021; Pesme et al. 2021), so its β has a smaller ℓ1 norm and a
     * support closer to β*'s.
     */
    @Test
    void labelNoiseSgdFindsASparserBetaThanPlainSgdAtTheSameStepSize() {
        List<DriftEvent> truth = new ArrayList<>();
        List<Sample> data = ScenarioTraining.samples("sparse-regression", Map.of(), 40, truth);
        var runs = ScenarioTraining.train("sparse-regression", Map.of(
                "trainer.model", "dln:100-1,init=0.1",
                "trainer.learning-rate", "0.005",
                "trainer.executor", "fast",
                "trainer.variants.plain", "optimizer=sgd",
                "trainer.variants.label-noise", "optimizer=label-noise-sgd,label-noise=1.0",
                "trainer.metrics.every-steps", "4000",
                "trainer.metrics.min-interval", "0s"), data, truth, 300);
        InsightReport labelNoise = runs.get(0).last();
        InsightReport plain = runs.get(1).last();
        assertThat(labelNoise.model()).isEqualTo("label-noise");
        assertThat(plain.model()).isEqualTo("plain");
        assertThat(labelNoise.step()).isEqualTo(plain.step()).isEqualTo(12_000);

        assertThat(labelNoise.l1Norm()).isLessThan(plain.l1Norm());
        assertThat(labelNoise.supportPrecision()).isGreaterThan(plain.supportPrecision());
        assertThat(labelNoise.supportRecall()).isGreaterThanOrEqualTo(plain.supportRecall());
        // plain SGD interpolates the 40 samples; label-noise SGD trades that for sparsity
        assertThat(plain.windowLoss()).isLessThan(labelNoise.windowLoss());
        assertThat(labelNoise.layers().get(0).hoyer()).isGreaterThan(plain.layers().get(0).hoyer());
    }

    /**
     * Logistic regression on linearly separable data (256 samples of the separable-margin
     * scenario, replayed) with a bias-free linear model: after prequential accuracy reaches
     * 100%, gradient descent keeps turning w toward the max-margin separator (Soudry et al.
     * 2018), so the normalised margin min y·w·x / ‖w‖ keeps rising while the loss is already ~0.
     */
    @Test
    void theNormalisedMarginKeepsRisingAfterPrequentialAccuracyReachesOne() {
        List<DriftEvent> truth = new ArrayList<>();
        List<Sample> data = ScenarioTraining.samples("separable-margin", Map.of(), 256, truth);
        var run = ScenarioTraining.train("separable-margin", Map.of(
                "trainer.executor", "fast",
                "trainer.window", "256",
                "trainer.metrics.window", "256",
                "trainer.metrics.every-steps", "512",
                "trainer.metrics.min-interval", "0s"), data, truth, 200).get(0);
        assertThat(run.model().variant().model().isHomogeneous()).isTrue();
        assertThat(run.model().stats().snapshot().prequential().slidingAccuracy()).isEqualTo(1.0);

        List<InsightReport> reports = run.reports();
        int fit = -1;
        for (int i = 0; i < reports.size() && fit < 0; i++) {
            if (run.accuracy().get(i) == 1.0) {
                fit = i;
            }
        }
        assertThat(fit).as("prequential accuracy reaches 100% early").isBetween(0, reports.size() / 4);
        assertThat(reports.get(fit).margin().negativeFraction()).isZero();
        double previous = reports.get(fit).normalizedMargin().min();
        for (InsightReport r : reports.subList(fit + 1, reports.size())) {
            assertThat(r.normalizedMargin().min()).as("normalised margin at step %d", r.step()).isGreaterThan(previous);
            previous = r.normalizedMargin().min();
        }
        assertThat(previous - reports.get(fit).normalizedMargin().min()).isGreaterThan(0.02);
        assertThat(run.last().paramNorm()).isGreaterThan(reports.get(fit).paramNorm());
    }

    /** Full-batch gradient descent on 512 samples of a dense regression scenario, for the edge of stability. */
    private static List<ScenarioTraining.Run> fullBatch(double eta, int epochs, int every) {
        List<DriftEvent> truth = new ArrayList<>();
        Map<String, String> data = Map.of("source.dimension", "8", "source.sparsity", "8", "source.sigma", "0", "source.amplitude", "0.25",
                "producer.dimension", "8");
        List<Sample> samples = ScenarioTraining.samples("sparse-regression", data, 512, truth);
        Map<String, String> settings = new java.util.HashMap<>(data);
        settings.putAll(Map.of(
                "trainer.model", "mlp:8-32-32-1,act=tanh,init=0.3",
                "trainer.learning-rate", Double.toString(eta),
                "trainer.batch-size", "512",
                "trainer.executor", "fast",
                "trainer.metrics.window", "512",
                "trainer.metrics.every-steps", Integer.toString(every),
                "trainer.metrics.min-interval", "0s",
                "trainer.metrics.power-iterations", "300",
                "trainer.metrics.power-tolerance", "1e-4"));
        return ScenarioTraining.train("sparse-regression", settings, samples, truth, epochs);
    }

    /**
     * Full-batch gradient descent (batch = window = the 512 samples, so every step is a GD step
     * on the same data) of a tanh MLP at η = 0.4: the sharpness starts near 2.3, rises to 2/η = 5
     * (progressive sharpening) and then hovers there instead of growing further: the edge of
     * stability (Cohen et al. 2021). A step size of 4/λmax of the initial model diverges; the
     * guard cuts the rate until training settles at the edge of the cut rate.
     */
    @Test
    void fullBatchGradientDescentSettlesAtTheEdgeOfStabilityAndFarAboveItTripsTheGuard() {
        double eta = 0.4;
        double edge = 2 / eta;
        double lambda0 = fullBatch(eta, 1, 1).get(0).last().sharpness();
        assertThat(lambda0).as("initial sharpness").isLessThan(0.5 * edge);

        var run = fullBatch(eta, 800, 20).get(0);
        String curve = run.reports().stream().map(r -> r.step() + ":" + String.format("%.2f", r.sharpness())).toList()
                .toString();
        assertThat(run.model().stats().snapshot().divergences()).as(curve).isZero();
        assertThat(run.reports().stream().mapToDouble(InsightReport::sharpness).max().orElseThrow()).as(curve)
                .isGreaterThan(0.9 * edge);
        for (InsightReport r : run.reports()) {
            if (r.step() >= 200) {
                assertThat(r.sharpness()).as(curve).isLessThanOrEqualTo(1.1 * edge);
                assertThat(r.eosRatio()).isCloseTo(eta * r.sharpness() / 2, org.assertj.core.api.Assertions.within(1e-9));
            }
        }

        var tooLarge = fullBatch(4 / lambda0, 200, 20).get(0);
        assertThat(tooLarge.model().stats().snapshot().divergences()).isPositive();
        assertThat(tooLarge.model().stats().snapshot().learningRate()).isLessThan(4 / lambda0);
        assertThat(tooLarge.last().eosRatio()).isLessThanOrEqualTo(1.1);
        assertThat(tooLarge.last().paramNorm()).isFinite();
    }
}

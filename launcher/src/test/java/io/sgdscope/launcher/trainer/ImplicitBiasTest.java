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
                "trainer.variants.plain", "opt=sgd",
                "trainer.variants.label-noise", "opt=label-noise-sgd,noise=1.0",
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
                "trainer.metrics.every-steps", "2560",
                "trainer.metrics.min-interval", "0s"), data, truth, 200).get(0);
        assertThat(run.model().model().spec().isHomogeneous()).isTrue();
        assertThat(run.model().evaluator().snapshot().slidingAccuracy()).isEqualTo(1.0);

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
}

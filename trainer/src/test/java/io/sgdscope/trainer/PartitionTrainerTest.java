package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import io.sgdscope.trainer.predict.PredictionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a partition's trainer routes samples of samples.clean to every variant of their stream. */
class PartitionTrainerTest {

    private final List<PredictionRecord> published = new ArrayList<>();
    private final TrainerStats stats = new TrainerStats();

    private PartitionTrainer trainer() {
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:2-2",
                TrainerConfig.EXECUTOR, "fast", "trainer.variants.slow", "lr=0.001",
                "trainer.variants.fast", "lr=0.5"), "test"));
        TrainingContext ctx = TrainingContext.inline(new Dl4jBackend()).withPredictions(published::add);
        return new PartitionTrainer("samples.clean", 0, cfg, cfg.variantSpecs(), ctx, stats);
    }

    private static Sample unlabelled(int i) {
        return new Sample("s" + i, "teacher", i, new float[] {i % 2, 1}, null, null, i);
    }

    private static LabelDelayScores delayOf(TrainerStats stats, String variant) {
        return stats.models().stream().filter(m -> m.model().equals(variant)).findFirst().orElseThrow()
                .snapshot().labelDelay();
    }

    @Test
    void anUnlabelledSampleIsPredictedByEveryVariantAndScoredByEachWhenItsLabelJoins() throws IOException {
        PartitionTrainer pt = trainer();
        pt.train(unlabelled(0));
        pt.train(unlabelled(1));
        pt.advanceTo(2);
        pt.publish();
        assertThat(published).extracting(PredictionRecord::variant).containsExactlyInAnyOrder("slow", "fast",
                "slow", "fast");
        assertThat(published).allSatisfy(r -> assertThat(r.labelled()).isFalse());
        assertThat(stats.models()).allSatisfy(m -> {
            assertThat(m.snapshot().labelDelay().pending()).isEqualTo(2);
            assertThat(m.snapshot().trained()).isZero();
        });

        // a checkpoint between the sample and its label keeps what is pending
        var checkpoint = pt.checkpoint(Map.of());
        PartitionTrainer restarted = trainer();
        restarted.restore(checkpoint);
        restarted.train(unlabelled(0).joinedWith(Label.ofClass(0)));
        restarted.publish();
        for (String variant : List.of("slow", "fast")) {
            assertThat(delayOf(stats, variant).onTime()).isEqualTo(1);
            assertThat(delayOf(stats, variant).pending()).isEqualTo(1);
        }
        assertThat(published).as("a joined label publishes nothing more").hasSize(4);
    }
}

package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.InsightRunner;
import io.sgdscope.trainer.insight.ModelInspector;
import io.sgdscope.trainer.insight.ModelSnapshot;
import io.sgdscope.trainer.insight.SampleWindow;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import io.sgdscope.trainer.predict.PredictionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
        pt.train(unlabelled(0), 0);
        pt.train(unlabelled(1), 1);
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
        restarted.train(unlabelled(0).joinedWith(Label.ofClass(0)), 2);
        restarted.publish();
        for (String variant : List.of("slow", "fast")) {
            assertThat(delayOf(stats, variant).onTime()).isEqualTo(1);
            assertThat(delayOf(stats, variant).pending()).isEqualTo(1);
        }
        assertThat(published).as("a joined label publishes nothing more").hasSize(4);
    }

    @Test
    void eachModelIsToldHowLongAfterItsProductionASampleWasPredictedAndTrained() {
        long[] now = {1_000};
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:2-2",
                TrainerConfig.EXECUTOR, "fast"), "test"));
        TrainingContext ctx = new TrainingContext(new Dl4jBackend(), io.sgdscope.trainer.insight.InsightRunner.inline(),
                r -> { }, new io.sgdscope.trainer.drift.DriftTruthLog(), () -> now[0]);
        PartitionTrainer pt = new PartitionTrainer("samples.clean", 0, cfg, cfg.variantSpecs(), ctx, stats);
        List<String> seen = new ArrayList<>();
        stats.onModel(m -> m.onLatency(new LatencyListener() {
            @Override
            public void predicted(long millis) {
                seen.add("predicted " + millis);
            }

            @Override
            public void trained(long millis) {
                seen.add("trained " + millis);
            }
        }));
        pt.train(unlabelled(0).withLabel(Label.ofClass(0)), 900);   // arrives labelled: predicted and trained
        pt.train(unlabelled(1), 950);                               // unlabelled: predicted only
        now[0] = 1_030;
        pt.train(unlabelled(1).joinedWith(Label.ofClass(1)), 1_010); // its label: trained, from the label's production
        pt.train(unlabelled(2).withLabel(Label.ofClass(0)), 1_100);  // produced "after" now: clocks apart, reported as 0
        assertThat(seen).containsExactly("predicted 100", "trained 100", "predicted 50", "trained 20",
                "predicted 0", "trained 0");
    }
    @Test
    void theVariantsOfAStreamShareOneWindowFilledOncePerLabelledSample() {
        List<ModelSnapshot> snapshots = new ArrayList<>();
        InsightRunner recording = new InsightRunner() {
            @Override
            public void submit(ModelSnapshot s, Supplier<ModelInspector> newInspector, Consumer<InsightReport> r) {
                snapshots.add(s);
            }

            @Override
            public void release(String key) {
            }

            @Override
            public void close() {
            }
        };
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, "linear:2-2",
                TrainerConfig.EXECUTOR, "fast", "trainer.variants.a", "lr=0.1", "trainer.variants.b", "lr=0.2",
                "trainer.variants.c", "lr=0.3", "trainer.variants.d", "lr=0.4", InsightConfig.WINDOW, "8",
                InsightConfig.EVERY_STEPS, "5", InsightConfig.MIN_INTERVAL, "0s"), "test"));
        TrainingContext ctx = new TrainingContext(new Dl4jBackend(), recording, r -> { }, new DriftTruthLog(),
                () -> 0L);
        PartitionTrainer pt = new PartitionTrainer("samples.clean", 0, cfg, cfg.variantSpecs(), ctx, stats);
        List<Sample> labelled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pt.train(unlabelled(100 + i), i);                  // predicted only: never in the window
            Sample s = unlabelled(i).withLabel(Label.ofClass(i % 2));
            labelled.add(s);
            pt.train(s, i);
        }

        List<TrainedModel> models = pt.modelsOf("teacher");
        assertThat(models).hasSize(4);
        SampleWindow shared = models.get(0).window();
        assertThat(models).allSatisfy(m -> assertThat(m.window()).isSameAs(shared));
        assertThat(shared.toArray()).as("each labelled sample once, not once per variant")
                .containsExactlyElementsOf(labelled.subList(4, 12));

        // every variant snapshots at steps 5 and 10, each on the window ending with the sample it just learned
        assertThat(snapshots).hasSize(8);
        for (ModelSnapshot s : snapshots) {
            int learned = (int) s.step();
            assertThat(s.window()).as("%s at step %d", s.model(), s.step())
                    .containsExactlyElementsOf(labelled.subList(Math.max(0, learned - 8), learned));
        }
        assertThat(snapshots).extracting(ModelSnapshot::model).containsExactlyInAnyOrder("a", "b", "c", "d",
                "a", "b", "c", "d");
    }
}

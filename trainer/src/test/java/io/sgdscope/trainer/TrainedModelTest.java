package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.drift.DriftSettings;
import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.InsightRunner;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import io.sgdscope.trainer.checkpoint.CheckpointStore;
import io.sgdscope.trainer.checkpoint.GoldenCheckpointTest;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.checkpoint.VersionedState;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import io.sgdscope.trainer.insight.ModelInspector;
import io.sgdscope.trainer.insight.ModelSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A model with its watchers: step outcomes, the snapshot cadence, stream positions, truth, and checkpointed state. */
class TrainedModelTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> submitted = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final List<InsightReport> reports = new ArrayList<>();
    /** Inspects inline, recording which model each snapshot came from. */
    private final InsightRunner recordingInline = new InsightRunner() {
        private final InsightRunner inline = InsightRunner.inline();

        @Override
        public void submit(ModelSnapshot s, Supplier<ModelInspector> newInspector, Consumer<InsightReport> reports) {
            submitted.add(s.key());
            inline.submit(s, newInspector, reports);
        }

        @Override
        public void release(String key) {
            released.add(key);
            inline.release(key);
        }

        @Override
        public void close() {
            inline.close();
        }
    };

    private TrainedModel model(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(TrainerConfig.MODEL, "linear:4-2", TrainerConfig.EXECUTOR, "fast"));
        all.putAll(settings);
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(all, "test"));
        TrainingContext ctx = new TrainingContext(new Dl4jBackend(), recordingInline, reports::add, new DriftTruthLog(),
                clock::get);
        return TrainedModel.create(cfg.variantSpecs().get(0), "t", cfg, ctx, new TrainerStats());
    }

    private static Sample sample(long i, SplittableRandom rnd) {
        float[] x = new float[4];
        for (int j = 0; j < 4; j++) {
            x[j] = (float) rnd.nextGaussian();
        }
        int y = x[0] > 0 ? 1 : 0;
        return new Sample("t-" + i, "t", i, x, Label.ofClass(y), new GroundTruth(Label.ofClass(y), false, 0));
    }

    @Test
    void aSnapshotIsTakenEveryKStepsAndItsReportReachesStatsAndSink() {
        TrainedModel m = model(Map.of(InsightConfig.EVERY_STEPS, "10", InsightConfig.MIN_INTERVAL, "0s"));
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 35; i++) {
            m.train(sample(i, rnd));
        }
        assertThat(submitted).containsExactly("sgd@t", "sgd@t", "sgd@t");
        assertThat(reports).extracting(InsightReport::step).containsExactly(10L, 20L, 30L);
        assertThat(m.stats().insight().step()).isEqualTo(30);
        assertThat(m.stats().insight().windowSize()).isEqualTo(30);
        assertThat(m.stats().insight().layers()).hasSize(1);
    }

    @Test
    void theMinimumIntervalThinsSnapshotsOutWhateverTheStepRate() {
        TrainedModel m = model(Map.of(InsightConfig.EVERY_STEPS, "10", InsightConfig.MIN_INTERVAL, "5s"));
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            m.train(sample(i, rnd));
        }
        assertThat(reports).extracting(InsightReport::step).containsExactly(10L);
        clock.addAndGet(5_000);
        for (int i = 100; i < 125; i++) {
            m.train(sample(i, rnd));
        }
        assertThat(reports).extracting(InsightReport::step).containsExactly(10L, 110L);
    }

    @Test
    void disabledMetricsTakeNoSnapshot() {
        TrainedModel m = model(Map.of(InsightConfig.ENABLED, "false", InsightConfig.EVERY_STEPS, "1"));
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            m.train(sample(i, rnd));
        }
        assertThat(submitted).isEmpty();
        assertThat(m.stats().insight()).isNull();
    }

    private static DriftEvent shiftAt(long index) {
        return new DriftEvent("t", index, 0, DriftEvent.Kind.CONCEPT, 1, DriftEvent.Transition.ABRUPT, index, index, null);
    }

    private static Sample at(String id, long index) {
        return new Sample(id, "t", 0, new float[] {1, 0, 0, 0}, Label.ofClass(1), null, index);
    }

    /** Misses of the first detector: with a horizon of 1 a shift at s is missed once the stream reaches s + 1. */
    private static long missed(TrainedModel m) {
        m.publish();
        return m.stats().snapshot().detectors().get(0).missed();
    }

    private TrainedModel oneSampleHorizon() {
        return model(Map.of(DriftSettings.DETECTORS, "page-hinkley", DriftSettings.HORIZON, "1"));
    }

    @Test
    void driftIsScoredAtTheSamplesIndexWhateverItsId() {
        TrainedModel m = oneSampleHorizon();
        m.onTruth(shiftAt(123));
        m.train(at("whatever-7", 123));
        assertThat(missed(m)).as("the stream is at 123: the shift's window is still open").isZero();
        m.train(at("whatever-8", 124));
        assertThat(missed(m)).as("the stream reached 124 = 123 + horizon").isEqualTo(1);
    }

    @Test
    void aSampleWithoutIndexIsScoredAtTheModelsCountNotAtANumberInItsId() {
        TrainedModel m = oneSampleHorizon();
        m.onTruth(shiftAt(1));
        m.train(at("t-500", Sample.NO_INDEX));
        m.train(at("t-501", Sample.NO_INDEX));
        assertThat(missed(m)).as("positions 0 and 1 by count").isZero();
        m.train(at("t-502", Sample.NO_INDEX));
        assertThat(missed(m)).as("position 2 = 1 + horizon").isEqualTo(1);
    }

    @Test
    void eachOutcomeSaysWhetherItsSampleCompletedABatch() {
        TrainedModel m = model(Map.of(TrainerConfig.BATCH_SIZE, "3"));
        SplittableRandom rnd = new SplittableRandom(6);
        List<Boolean> stepped = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PrequentialOutcome o = m.train(sample(i, rnd));
            stepped.add(o.stepped());
            assertThat(Double.isFinite(o.stepLoss())).isEqualTo(o.stepped());
        }
        assertThat(stepped).containsExactly(false, false, true, false, false, true, false);
        m.publish();
        assertThat(m.stats().snapshot().steps()).isEqualTo(2);
        assertThat(m.stats().snapshot().trained()).isEqualTo(7);
    }

    @Test
    void theCheckpointRoundTripsAndIsWrittenInTheCurrentLayout() throws IOException {
        TrainedModel a = trained(300);
        PartitionCheckpoint.ModelState saved = a.checkpoint();
        assertThat(saved.stream()).isEqualTo("t");
        assertThat(saved.variant()).isEqualTo("sgd");
        assertThat(VersionedState.open(saved.state()).version()).isEqualTo(TrainedModel.STATE_VERSION);

        TrainedModel b = model(Map.of());
        b.restore(saved);
        PartitionCheckpoint.ModelState again = b.checkpoint();
        assertThat(again.state()).isEqualTo(saved.state());
        assertThat(again.params()).isEqualTo(saved.params());
        // and both go on identically
        SplittableRandom rnd = new SplittableRandom(40);
        for (int i = 300; i < 310; i++) {
            Sample s = sample(i, rnd);
            PrequentialOutcome expected = a.train(s);
            PrequentialOutcome actual = b.train(s);
            assertThat(actual.loss()).isEqualTo(expected.loss());
            assertThat(actual.learned()).isEqualTo(expected.learned());
        }
        assertThat(b.checkpoint().state()).isEqualTo(a.checkpoint().state());
    }

    @Test
    void aVersionOneStateWithTheWatchersStillRestores() throws IOException {
        TrainedModel a = trained(300);
        PartitionCheckpoint.ModelState saved = a.checkpoint();
        // version 1 had no header and, once the watchers were added, the same body
        byte[] body = Arrays.copyOfRange(saved.state(), 8, saved.state().length);
        TrainedModel c = model(Map.of());
        c.restore(new PartitionCheckpoint.ModelState("t", "sgd", saved.params(), body));
        assertThat(c.checkpoint().state()).isEqualTo(saved.state());
    }

    @Test
    void theGoldenVersionOneCheckpointWithoutWatchersRestoresAndTrainsOn() throws Exception {
        Path root = Path.of(getClass().getResource("/golden/checkpoint-v1").toURI());
        PartitionCheckpoint golden = new CheckpointStore(root, 1, new Dl4jBackend().fileFormat(),
                v -> GoldenCheckpointTest.SPEC).latest(GoldenCheckpointTest.TOPIC, 0).orElseThrow();
        PartitionCheckpoint.ModelState saved = golden.models().get(0);
        assertThat(VersionedState.open(saved.state()).version()).isEqualTo(VersionedState.UNVERSIONED);
        // the golden model's settings: its state fits only a model of the same shape and batch size
        TrainedModel m = model(Map.of(TrainerConfig.MODEL, "mlp:4-8-3,act=tanh",
                TrainerConfig.BATCH_SIZE, "3", TrainerConfig.OPTIMIZER, "momentum", TrainerConfig.LEARNING_RATE, "0.05",
                TrainingSetting.MOMENTUM.key(), "0.9", TrainerConfig.SEED, "7", TrainerConfig.WINDOW, "5",
                TrainerConfig.FADING_FACTOR, "0.9"));
        m.restore(saved);
        m.publish();
        assertThat(m.stats().snapshot().steps()).isEqualTo(GoldenCheckpointTest.TRAINED / 3);
        assertThat(m.stats().snapshot().prequential().samples()).isEqualTo(GoldenCheckpointTest.TRAINED);
        // the pending row and the next two complete a batch
        assertThat(m.train(GoldenCheckpointTest.sample(GoldenCheckpointTest.TRAINED)).stepped()).isFalse();
        assertThat(m.train(GoldenCheckpointTest.sample(GoldenCheckpointTest.TRAINED + 1)).stepped()).isTrue();
    }

    @Test
    void aStateFromANewerLayoutOrCutShortOrOverlongIsRefused() {
        TrainedModel a = trained(50);
        PartitionCheckpoint.ModelState saved = a.checkpoint();
        byte[] future = saved.state().clone();
        future[7] = (byte) (TrainedModel.STATE_VERSION + 1);
        assertThatThrownBy(() -> model(Map.of()).restore(withState(saved, future)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("layout version " + (TrainedModel.STATE_VERSION + 1))
                .hasMessageContaining("newer sgdscope");
        byte[] truncated = Arrays.copyOf(saved.state(), saved.state().length - 3);
        assertThatThrownBy(() -> model(Map.of()).restore(withState(saved, truncated)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        byte[] overlong = Arrays.copyOf(saved.state(), saved.state().length + 4);
        assertThatThrownBy(() -> model(Map.of()).restore(withState(saved, overlong)))
                .isInstanceOf(IOException.class).hasMessageContaining("4 bytes after its last field");
    }

    @Test
    void closingTheModelReleasesItsInspector() {
        TrainedModel m = model(Map.of(InsightConfig.EVERY_STEPS, "5", InsightConfig.MIN_INTERVAL, "0s"));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 10; i++) {
            m.train(sample(i, rnd));
        }
        m.close();
        assertThat(released).containsExactly("sgd@t");
    }

    @Test
    void theTeacherFromDriftTruthReachesTheSnapshot() {
        TrainedModel m = model(Map.of(TrainerConfig.MODEL, "dln:4-1,init=0.1", InsightConfig.EVERY_STEPS, "5",
                InsightConfig.MIN_INTERVAL, "0s"));
        float[] betaStar = {1, 0, 0, 0};
        m.onTruth(new DriftEvent("t", 0, 0, DriftEvent.Kind.START, 0, DriftEvent.Transition.ABRUPT, 0, 0, betaStar));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            float[] x = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian(),
                    (float) rnd.nextGaussian()};
            m.train(new Sample("t-" + i, "t", i, x, Label.ofTarget(x[0]), null));
        }
        InsightReport r = m.stats().insight();
        assertThat(r.supportRecall()).isBetween(0.0, 1.0);
        assertThat(r.supportPrecision()).isBetween(0.0, 1.0);
        assertThat(r.l1Norm()).isPositive();
    }

    private TrainedModel trained(int samples) {
        SplittableRandom rnd = new SplittableRandom(4);
        TrainedModel m = model(Map.of());
        for (int i = 0; i < samples; i++) {
            m.train(sample(i, rnd));
        }
        return m;
    }

    private static PartitionCheckpoint.ModelState withState(PartitionCheckpoint.ModelState s, byte[] state) {
        return new PartitionCheckpoint.ModelState(s.stream(), s.variant(), s.params(), state);
    }
}

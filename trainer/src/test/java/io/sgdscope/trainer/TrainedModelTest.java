package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.eval.PendingLimits;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import io.sgdscope.trainer.insight.ModelInspector;
import io.sgdscope.trainer.insight.ModelSnapshot;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.optim.Vectors;
import io.sgdscope.trainer.predict.PredictionRecord;
import io.sgdscope.trainer.predict.PredictionSink;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
        return model(settings, PredictionSink.NONE);
    }

    private TrainedModel model(Map<String, String> settings, PredictionSink predictions) {
        Map<String, String> all = new HashMap<>(Map.of(TrainerConfig.MODEL, "linear:4-2", TrainerConfig.EXECUTOR, "fast"));
        all.putAll(settings);
        TrainerConfig cfg = TrainerConfig.from(RawConfig.of(all, "test"));
        TrainingContext ctx = new TrainingContext(new Dl4jBackend(), recordingInline, reports::add, new DriftTruthLog(),
                clock::get, predictions);
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
        PartitionCheckpoint.ModelState v2 = goldenState(2);
        // version 1 had no header and, once the watchers were added, the body of version 2
        byte[] body = Arrays.copyOfRange(v2.state(), 8, v2.state().length);
        TrainedModel c = model(Map.of());
        c.restore(new PartitionCheckpoint.ModelState("t", "sgd", v2.params(), body));
        byte[] again = c.checkpoint().state();
        assertThat(Arrays.copyOfRange(again, 8, 8 + body.length)).isEqualTo(body);
    }

    @Test
    void theGoldenVersionTwoStateRestoresWithNothingPendingAndTrainsOn() throws IOException {
        PartitionCheckpoint.ModelState v2 = goldenState(2);
        assertThat(VersionedState.open(v2.state()).version()).isEqualTo(2);
        TrainedModel m = model(Map.of());
        m.restore(v2);
        m.publish();
        ModelStats.Snapshot restored = m.stats().snapshot();
        assertThat(restored.prequential().samples()).as("the golden model trained 300 samples").isEqualTo(300);
        assertThat(restored.labelDelay()).isEqualTo(LabelDelayScores.EMPTY);
        // the version-2 body is kept whole, and the delayed evaluation follows it
        byte[] again = m.checkpoint().state();
        assertThat(VersionedState.open(again).version()).isEqualTo(TrainedModel.STATE_VERSION);
        assertThat(Arrays.copyOfRange(again, 8, v2.state().length)).isEqualTo(Arrays.copyOfRange(v2.state(), 8,
                v2.state().length));
        SplittableRandom rnd = new SplittableRandom(40);
        m.predict(unlabelled(sample(300, rnd)));
        assertThat(m.train(joined(sample(300, new SplittableRandom(40)))).scored())
                .isEqualTo(PrequentialOutcome.Scored.ON_TIME);
    }

    @Test
    void theGoldenVersionThreeStateRestoresItsPendingPredictions() throws IOException {
        PartitionCheckpoint.ModelState v3 = goldenState(3);
        assertThat(VersionedState.open(v3.state()).version()).isEqualTo(3);
        TrainedModel m = model(Map.of());
        m.restore(v3);
        m.publish();
        assertThat(m.stats().snapshot().labelDelay().pending()).isEqualTo(GOLDEN_DELAY);
        // rewritten as version 4: the version-3 body, then θ₀, which a version-3 state did not keep: the restored parameters
        byte[] again = m.checkpoint().state();
        assertThat(VersionedState.open(again).version()).isEqualTo(4);
        assertThat(Arrays.copyOfRange(again, 8, v3.state().length)).isEqualTo(Arrays.copyOfRange(v3.state(), 8,
                v3.state().length));
        assertThat(Vectors.read(new DataInputStream(new java.io.ByteArrayInputStream(again, v3.state().length,
                again.length - v3.state().length)))).isEqualTo(v3.params());
        // the samples whose labels were on the way when it was written are scored on their held predictions
        List<Sample> rest = delayedEvents(GOLDEN_SAMPLES, GOLDEN_DELAY);
        rest = rest.subList(GOLDEN_CUT, rest.size());
        for (Sample s : rest) {
            if (s.isLabelled()) {
                assertThat(m.train(s).scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
            } else {
                m.predict(s);
            }
        }
        m.publish();
        assertThat(m.stats().snapshot().labelDelay().onTime()).isEqualTo(GOLDEN_SAMPLES);
        assertThat(m.stats().snapshot().labelDelay().pending()).isZero();
    }

    @Test
    void theGoldenVersionFourStateRoundTripsWithItsInitialParameters() throws IOException {
        PartitionCheckpoint.ModelState v4 = goldenState(4);
        assertThat(VersionedState.open(v4.state()).version()).isEqualTo(4);
        TrainedModel m = model(Map.of());
        m.restore(v4);
        assertThat(m.checkpoint().state()).isEqualTo(v4.state());
        // θ₀ is the golden model's starting point: the parameters a fresh model of the same seed has
        float[] fresh = model(Map.of()).checkpoint().params();
        assertThat(Vectors.read(new DataInputStream(new java.io.ByteArrayInputStream(v4.state(),
                v4.state().length - 4 - 4 * fresh.length, 4 + 4 * fresh.length)))).isEqualTo(fresh);
    }

    /** θ₀ survives a restart: distances after the restore count from the first model's start, not from the restore. */
    @Test
    void theDistanceFromInitialisationCountsFromTheFirstStartAcrossARestore() throws IOException {
        Map<String, String> often = Map.of(InsightConfig.EVERY_STEPS, "10", InsightConfig.MIN_INTERVAL, "0s");
        float[] start = model(often).checkpoint().params();
        TrainedModel a = model(often);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            a.train(sample(i, rnd));
        }
        TrainedModel b = model(often);
        b.restore(a.checkpoint());
        reports.clear();
        for (int i = 100; i < 130; i++) {
            b.train(sample(i, rnd));
        }
        assertThat(reports).isNotEmpty();
        InsightReport last = reports.get(reports.size() - 1);
        float[] now = b.checkpoint().params();
        double expected = 0;
        for (int i = 0; i < now.length; i++) {
            expected += ((double) now[i] - start[i]) * ((double) now[i] - start[i]);
        }
        assertThat(last.step()).isEqualTo(130);
        assertThat(last.distanceFromInit()).isGreaterThan(0).isCloseTo(Math.sqrt(expected), within(1e-9));
    }

    static final int GOLDEN_SAMPLES = 60;
    static final int GOLDEN_DELAY = 4;
    /** Events of the golden version-3 stream before its state was written: mid-stream, with labels pending. */
    static final int GOLDEN_CUT = 2 * 40;

    /**
     * Writes the golden model state of the current layout (version 4 now; version 3 was written the same way) (not a test: run it only when the layout changes,
     * keeping the old files). The version-2 files were written by the trainer of that layout
     * (commit 65d2fe1, {@code trained(300)}) and cannot be regenerated.
     */
    public static void main(String[] args) throws IOException {
        TrainedModelTest t = new TrainedModelTest();
        TrainedModel m = t.model(Map.of());
        List<Sample> events = delayedEvents(GOLDEN_SAMPLES, GOLDEN_DELAY);
        feed(m, events.subList(0, GOLDEN_CUT));
        PartitionCheckpoint.ModelState s = m.checkpoint();
        Path dir = Path.of("trainer/src/test/resources/golden/model-state-v" + TrainedModel.STATE_VERSION);
        Files.createDirectories(dir);
        Files.write(dir.resolve("sgd@t.state"), s.state());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("sgd@t.params")))) {
            out.writeInt(s.params().length);
            for (float f : s.params()) {
                out.writeFloat(f);
            }
        }
    }

    private PartitionCheckpoint.ModelState goldenState(int version) throws IOException {
        String dir = "/golden/model-state-v" + version + "/";
        try (InputStream state = getClass().getResourceAsStream(dir + "sgd@t.state");
             DataInputStream params = new DataInputStream(getClass().getResourceAsStream(dir + "sgd@t.params"))) {
            float[] p = new float[params.readInt()];
            for (int i = 0; i < p.length; i++) {
                p[i] = params.readFloat();
            }
            return new PartitionCheckpoint.ModelState("t", "sgd", p, state.readAllBytes());
        }
    }

    private static Sample unlabelled(Sample s) {
        return new Sample(s.id(), s.stream(), s.eventTimeMs(), s.features(), null, s.truth(), s.index());
    }

    private static Sample joined(Sample s) {
        return unlabelled(s).joinedWith(s.label());
    }

    /**
     * {@code n} samples of {@link #sample} whose labels come {@code delay} samples late: at moment t
     * the features of sample t, then the label of sample t - delay; the last labels at the end.
     */
    static List<Sample> delayedEvents(int n, int delay) {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Sample> labelled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labelled.add(sample(i, rnd));
        }
        List<Sample> events = new ArrayList<>();
        for (int t = 0; t < n + delay; t++) {
            if (t < n) {
                events.add(unlabelled(labelled.get(t)));
            }
            if (t >= delay) {
                events.add(joined(labelled.get(t - delay)));
            }
        }
        return events;
    }

    private static List<PrequentialOutcome> feed(TrainedModel m, List<Sample> events) {
        List<PrequentialOutcome> outcomes = new ArrayList<>();
        for (Sample s : events) {
            if (s.isLabelled()) {
                outcomes.add(m.train(s));
            } else {
                m.predict(s);
            }
        }
        return outcomes;
    }

    @Test
    void unlabelledSamplesArePredictedAndPublishedAndScoredOnThatPredictionWhenTheirLabelJoins() {
        List<PredictionRecord> published = new ArrayList<>();
        TrainedModel m = model(Map.of(), published::add);
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < 20; i++) {
            m.train(sample(i, rnd));
        }
        Sample later = sample(20, rnd);
        Prediction atArrival = m.predict(unlabelled(later));
        for (int i = 21; i < 25; i++) {
            m.train(sample(i, rnd));
        }
        PrequentialOutcome o = m.train(joined(later));
        assertThat(o.scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
        assertThat(o.prediction()).isSameAs(atArrival);

        // every feature-time prediction went to the sink once: the 24 labelled at arrival and the unlabelled one
        assertThat(published).hasSize(25);
        PredictionRecord r = published.get(20);
        assertThat(r.sampleId()).isEqualTo(later.id());
        assertThat(r.labelled()).isFalse();
        assertThat(r.prediction()).isSameAs(atArrival);
        assertThat(r.step()).as("the model had taken one step per sample").isEqualTo(20);
        assertThat(r.stream()).isEqualTo("t");
        assertThat(r.variant()).isEqualTo("sgd");
        assertThat(r.sampleTimeMs()).isEqualTo(later.eventTimeMs());
        assertThat(r.predictedAtMs()).isEqualTo(clock.get());
        assertThat(published.get(0).labelled()).isTrue();
        assertThat(published.get(0).step()).as("predicted before learning it").isZero();
        assertThat(published).filteredOn(p -> p.sampleId().equals(later.id())).hasSize(1);

        m.publish();
        LabelDelayScores d = m.stats().snapshot().labelDelay();
        assertThat(d.onTime()).isEqualTo(1);
        assertThat(d.pending()).isZero();
        assertThat(m.stats().snapshot().prequential().samples()).isEqualTo(25);
    }

    @Test
    void pendingLimitsComeFromTheConfigAndEvictionsAreCounted() {
        TrainedModel m = model(Map.of(PendingLimits.MAX_COUNT, "3"));
        List<Sample> events = delayedEvents(20, 5);
        List<PrequentialOutcome> outcomes = feed(m, events);
        m.publish();
        LabelDelayScores d = m.stats().snapshot().labelDelay();
        // sample k's prediction is pushed out by sample k + 3's, before k's label comes with sample k + 5;
        // only the last 3 samples, with no sample after them, keep theirs
        assertThat(d.lateScored()).isEqualTo(20 - 3);
        assertThat(d.onTime()).isEqualTo(3);
        assertThat(d.evicted()).isEqualTo(d.lateScored());
        assertThat(outcomes).extracting(PrequentialOutcome::scored)
                .filteredOn(s -> s == PrequentialOutcome.Scored.LATE).hasSize((int) d.lateScored());
        assertThat(d.pending()).isZero();
    }

    @Test
    void restoringACheckpointWithPendingPredictionsScoresAndLearnsExactlyLikeAnUninterruptedRun() throws IOException {
        List<Sample> events = delayedEvents(150, 9);
        TrainedModel uninterrupted = model(Map.of());
        List<PrequentialOutcome> expected = feed(uninterrupted, events);

        for (int cut : new int[] {41, 200}) {
            TrainedModel first = model(Map.of());
            List<PrequentialOutcome> actual = new ArrayList<>(feed(first, events.subList(0, cut)));
            first.publish();
            assertThat(first.stats().snapshot().labelDelay().pending()).as("labels pending at the cut").isPositive();
            PartitionCheckpoint.ModelState saved = first.checkpoint();
            TrainedModel restarted = model(Map.of());
            restarted.restore(saved);
            actual.addAll(feed(restarted, events.subList(cut, events.size())));

            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).prediction().probabilities())
                        .isEqualTo(expected.get(i).prediction().probabilities());
                assertThat(actual.get(i).loss()).isEqualTo(expected.get(i).loss());
                assertThat(actual.get(i).scored()).isEqualTo(expected.get(i).scored());
            }
            assertThat(restarted.checkpoint().params()).isEqualTo(uninterrupted.checkpoint().params());
            assertThat(restarted.checkpoint().state()).isEqualTo(uninterrupted.checkpoint().state());
        }
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

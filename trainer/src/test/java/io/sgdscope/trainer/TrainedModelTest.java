package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A model with its watchers: the snapshot cadence, stream positions, truth, and checkpointed state. */
class TrainedModelTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> submitted = new ArrayList<>();
    private final List<InsightReport> reports = new ArrayList<>();
    private final InsightRunner recordingInline = (key, job) -> {
        submitted.add(key);
        job.run();
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
    void watcherStateRoundTripsAndAnOlderCheckpointWithoutItStillRestores() throws IOException {
        SplittableRandom rnd = new SplittableRandom(4);
        TrainedModel a = model(Map.of());
        for (int i = 0; i < 300; i++) {
            a.train(sample(i, rnd));
        }
        byte[] full = state(a);
        TrainedModel b = model(Map.of());
        b.restore(a.model().paramsView().clone(), new DataInputStream(new ByteArrayInputStream(full)));
        assertThat(state(b)).isEqualTo(full);

        // what version-1 checkpoints hold: the model and the evaluator only
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(old)) {
            a.model().writeState(out);
            a.evaluator().writeState(out);
        }
        TrainedModel c = model(Map.of());
        c.restore(a.model().paramsView().clone(), new DataInputStream(new ByteArrayInputStream(old.toByteArray())));
        assertThat(c.model().steps()).isEqualTo(a.model().steps());
        assertThat(c.evaluator().snapshot()).isEqualTo(a.evaluator().snapshot());
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

    private static byte[] state(TrainedModel t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            t.writeState(out);
        }
        return bytes.toByteArray();
    }
}

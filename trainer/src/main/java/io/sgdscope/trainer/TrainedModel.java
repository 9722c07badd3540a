package io.sgdscope.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.checkpoint.PartitionCheckpoint;
import io.sgdscope.trainer.checkpoint.VersionedState;
import io.sgdscope.trainer.drift.DriftMonitor;
import io.sgdscope.trainer.eval.ConfusionWindow;
import io.sgdscope.trainer.eval.DelayedEvaluation;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.LossSpikeDetector;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.ModelInspector;
import io.sgdscope.trainer.insight.ModelSnapshot;
import io.sgdscope.trainer.insight.SampleWindow;
import io.sgdscope.trainer.insight.SnapshotPolicy;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.Vectors;
import io.sgdscope.trainer.predict.PredictionRecord;
import io.sgdscope.trainer.predict.PredictionSink;
import java.io.DataOutput;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * One variant's model on one stream, with everything that watches it on the training thread:
 * the prequential evaluator (scoring feature-time predictions: see {@link DelayedEvaluation}),
 * clean/noisy scores, the loss-spike detector, the drift detectors, and the window of recent
 * samples from which a snapshot goes to the metrics thread when the {@link SnapshotPolicy} says so. Each step's {@link PrequentialOutcome} feeds the watchers
 * directly. The window may be shared by the variants of a stream, which all learn the same samples:
 * then whoever shares it fills it, once per sample (see {@link PartitionTrainer}). Not thread-safe.
 */
public final class TrainedModel implements AutoCloseable {

    /**
     * Layout of the checkpointed state. Version 1 (no header): model and evaluator, then, from
     * the release that added them, the watchers (noise scores, spike detector, drift detectors).
     * Version 2: always all five. Version 3: then the delayed evaluation (pending predictions and
     * label-time scores); an older state restores with none pending. Version 4: then θ₀, the
     * parameters the model started from (for the distance from initialisation); an older state
     * restores with θ₀ = the restored parameters, so distances count from the restart.
     */
    static final int STATE_VERSION = 4;

    private final VariantSpec variant;
    private final String stream;
    private final OnlineModel model;
    private final PrequentialEvaluator evaluator;
    private final DelayedEvaluation delayed;
    private final ModelStats stats;
    private final TrainingContext context;
    private final InsightConfig insight;
    private final LabelNoiseScores noise;
    private final LossSpikeDetector spikes;
    private final DriftMonitor drift;
    /** The stream's last labelled samples; shared with the stream's other variants unless {@link #fillsWindow}. */
    private final SampleWindow window;
    /** Whether this model adds each sample it learns to {@link #window} (it owns it) or its owner does. */
    private final boolean fillsWindow;
    /** The prequential window's confusion counts (classifiers only, else null); not checkpointed: refills after a restore. */
    private final ConfusionWindow confusion;
    private final SnapshotPolicy snapshots;
    private float[] teacher;
    /** θ₀: the parameters at creation, or as checkpointed; handed to snapshots by reference, never written. */
    private float[] initialParams;
    private long truthEvents;
    private long lastTruthTimeMs = -1;

    private TrainedModel(VariantSpec variant, String stream, OnlineModel model, TrainerConfig config, TrainingContext context,
                 ModelStats stats, SampleWindow window, boolean fillsWindow) {
        this.variant = variant;
        this.stream = stream;
        this.model = model;
        this.context = context;
        this.stats = stats;
        this.evaluator = new PrequentialEvaluator(model, config.window(), config.fadingFactor());
        this.delayed = new DelayedEvaluation(model, evaluator, config.pending(), config.window());
        this.noise = new LabelNoiseScores(config.window());
        this.insight = config.metrics();
        this.spikes = new LossSpikeDetector(insight.lossEwmaAlpha(), insight.spikeFactor());
        this.drift = new DriftMonitor(config.drift().create(model.task().isClassification()), config.drift().horizon(),
                context.clockMs());
        this.window = window;
        this.fillsWindow = fillsWindow;
        this.confusion = model.task().isClassification()
                ? new ConfusionWindow(model.task().classes(), config.window()) : null;
        this.snapshots = new SnapshotPolicy(insight, context.clockMs());
        this.initialParams = model.paramsView().clone();
    }

    /** Builds the variant's model for the stream, with fresh parameters and watchers and its own sample window, and registers its stats. */
    public static TrainedModel create(VariantSpec v, String stream, TrainerConfig config, TrainingContext context,
                                      TrainerStats stats) {
        return create(v, stream, config, context, stats, new SampleWindow(config.metrics().window()), true);
    }

    /**
     * Builds the variant's model for the stream on a window of the stream's samples that the caller
     * shares among the stream's variants and fills itself, once per labelled sample, before any of
     * them learns it (so each snapshot's window ends with the sample just learned, as with its own).
     */
    static TrainedModel create(VariantSpec v, String stream, TrainerConfig config, TrainingContext context,
                               TrainerStats stats, SampleWindow sharedWindow) {
        if (sharedWindow.capacity() != config.metrics().window()) {
            throw new IllegalArgumentException("shared window holds " + sharedWindow.capacity()
                    + " samples, the metrics window is " + config.metrics().window());
        }
        return create(v, stream, config, context, stats, sharedWindow, false);
    }

    private static TrainedModel create(VariantSpec v, String stream, TrainerConfig config, TrainingContext context,
                                       TrainerStats stats, SampleWindow window, boolean fillsWindow) {
        ModelBackend backend = context.backend();
        ModelSpec spec = backend.resolve(v.model());
        OnlineModel model = new OnlineModel(v.name(), spec, backend.executor(spec, v.executor(), v.batchSize()),
                backend.initialParams(spec, v.seed()), v.optimizer().create(spec.task(), v.seed()),
                v.optimizer().newSchedule(), new DivergenceGuard(v.divergenceLrFactor(), 100), v.batchSize());
        ModelStats.Shape shape = new ModelStats.Shape(
                spec.kind() == ModelSpec.Kind.DL4J ? 0 : spec.layout().layers().size(),
                config.drift().detectorNames(spec.task().isClassification()),
                spec.task().isClassification() ? spec.task().classes() : 0);
        return new TrainedModel(v, stream, model, config, context, stats.model(v.name(), stream, shape), window,
                fillsWindow);
    }

    /**
     * Predicts a sample whose label has not arrived, holds the prediction for when it does, and
     * hands it to the context's {@link PredictionSink}.
     */
    public Prediction predict(Sample unlabelled) {
        long step = model.steps();
        Prediction p = delayed.predict(unlabelled);
        publishPrediction(unlabelled, step, p, false);
        return p;
    }

    /**
     * Scores one labelled sample on its feature-time prediction (held since it arrived unlabelled,
     * or made now), then learns it; see {@link DelayedEvaluation#step}. A sample that arrived with
     * its label has its prediction handed to the context's {@link PredictionSink}.
     */
    public PrequentialOutcome train(Sample sample) {
        long step = model.steps();
        PrequentialOutcome outcome = delayed.step(sample);
        if (outcome.scored() == PrequentialOutcome.Scored.AT_ARRIVAL) {
            publishPrediction(sample, step, outcome.prediction(), true);
        }
        noise.update(sample, outcome);
        if (confusion != null && sample.label() instanceof Label.ClassIndex y) {
            confusion.update(y.index(), sample.truth() != null && sample.truth().cleanLabel() instanceof Label.ClassIndex c
                    ? c.index() : ConfusionWindow.UNKNOWN, outcome.prediction().predictedClass());
        }
        if (drift.watching()) {
            // the sample's own position in its stream, else (a source that does not know it) the count this model scored
            drift.observe(outcome, sample.indexOr(evaluator.samples() - 1));
        }
        if (fillsWindow) {
            window.add(sample);
        }
        if (outcome.stepped()) {
            spikes.observe(outcome);
            OptionalLong due = snapshots.afterStep(model.steps(), window.size());
            if (due.isPresent()) {
                snapshot(due.getAsLong());
            }
        }
        return outcome;
    }

    private void publishPrediction(Sample sample, long step, Prediction p, boolean labelled) {
        PredictionSink sink = context.predictions();
        if (sink != PredictionSink.NONE && sink.wants(labelled, variant.name())) {
            sink.accept(new PredictionRecord(sample.id(), stream, variant.name(), step, p, sample.eventTimeMs(),
                    context.clockMs().getAsLong(), labelled));
        }
    }

    public void onTruth(DriftEvent e) {
        if (e.kind() != DriftEvent.Kind.START) {
            truthEvents++;
            lastTruthTimeMs = Math.max(lastTruthTimeMs, e.timeMs());
        }
        drift.onTruth(e);
        if (e.teacherWeights() != null) {
            teacher = e.teacherWeights();
        }
    }

    /** Hands a copy of the model and the window to the metrics thread, which inspects it with this model's inspector. */
    private void snapshot(long timeMs) {
        ModelSnapshot s = new ModelSnapshot(variant.name(), stream, model.spec(), model.steps(),
                evaluator.samples(), timeMs, model.lastLearningRate(), model.lastUpdateNorm(),
                model.paramsView().clone(), window.toArray(), teacher, confusion == null ? null : confusion.counts(),
                initialParams);
        ModelSpec spec = model.spec();
        context.runner().submit(s,
                () -> new ModelInspector(spec, context.inspectionExecutor(spec), insight, variant.seed(),
                        context.holdout()),
                report -> {
                    stats.publishInsight(report);
                    context.reports().accept(report);
                });
    }

    /** Publishes this model's current state to readers on other threads. */
    public void publish() {
        var prequential = evaluator.snapshot();
        stats.publish(new ModelStats.Snapshot(prequential.samples(), model.steps(), model.divergences(),
                model.lastLearningRate(), model.lastLoss(), model.lastGradientNorm(), model.lastUpdateNorm(),
                prequential, spikes.ewma(), spikes.spikes(), noise.snapshot(), drift.snapshot(), truthEvents,
                lastTruthTimeMs, delayed.snapshot()));
    }

    /** The window of recent samples this model's snapshots carry (for tests: shared or its own). */
    SampleWindow window() {
        return window;
    }

    public VariantSpec variant() {
        return variant;
    }

    /** What this model last {@link #publish published}, and its latest metrics report. */
    public ModelStats stats() {
        return stats;
    }

    /** This model's checkpoint: its parameters and its training state, in the current layout. */
    PartitionCheckpoint.ModelState checkpoint() {
        byte[] state = VersionedState.write(STATE_VERSION, this::writeState);
        return new PartitionCheckpoint.ModelState(stream, variant.name(), model.paramsView().clone(), state);
    }

    private void writeState(DataOutput out) throws IOException {
        model.writeState(out);
        evaluator.writeState(out);
        noise.writeState(out);
        spikes.writeState(out);
        drift.writeState(out);
        delayed.writeState(out);
        Vectors.write(out, initialParams);
    }

    /**
     * Continues from a checkpoint of this model, of any layout up to {@link #STATE_VERSION}.
     *
     * @throws IOException if the state is of an unknown layout, truncated, or does not fit the model
     */
    void restore(PartitionCheckpoint.ModelState checkpoint) throws IOException {
        VersionedState.read(checkpoint.state(), STATE_VERSION, (version, in) -> {
            model.restore(checkpoint.params(), in);
            evaluator.readState(in);
            // a version-1 state has the watchers only if it was written after they were added
            if (version > VersionedState.UNVERSIONED || in.remaining() > 0) {
                noise.readState(in);
                spikes.readState(in);
                drift.readState(in);
            }
            if (version >= 3) {
                delayed.readState(in);
            }
            float[] initial = version >= 4 ? Vectors.read(in) : null;
            if (initial != null && initial.length != checkpoint.params().length) {
                throw new IOException("checkpoint of model " + variant.name() + " has θ₀ of " + initial.length
                        + " values for " + checkpoint.params().length + " parameters");
            }
            initialParams = initial != null ? initial : checkpoint.params().clone();
        });
        snapshots.restoredAt(model.steps());
    }

    @Override
    public void close() {
        model.close();
        // the runner closes this model's inspector on the metrics thread; a DL4J one holds native memory
        context.runner().release(ModelSnapshot.key(variant.name(), stream));
    }
}

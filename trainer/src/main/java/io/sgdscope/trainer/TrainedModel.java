package io.sgdscope.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.drift.DriftMonitor;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.LossSpikeDetector;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.ModelInspector;
import io.sgdscope.trainer.insight.ModelSnapshot;
import io.sgdscope.trainer.insight.SampleWindow;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.optim.DivergenceGuard;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One variant's model on one stream, with everything that watches it on the training thread:
 * the prequential evaluator, clean/noisy scores, the loss-spike detector, the drift detectors,
 * and the window of recent samples from which a snapshot goes to the metrics thread every
 * {@code every-steps} steps. Not thread-safe.
 */
public final class TrainedModel implements AutoCloseable {

    private final VariantSpec variant;
    private final String stream;
    private final OnlineModel model;
    private final PrequentialEvaluator evaluator;
    private final ModelStats stats;
    private final TrainingContext context;
    private final InsightConfig insight;
    private final LabelNoiseScores noise;
    private final LossSpikeDetector spikes;
    private final DriftMonitor drift;
    private final SampleWindow window;
    /** Created lazily and used only on the metrics thread. */
    private ModelInspector inspector;
    private float[] teacher;
    private long truthEvents;
    private long lastTruthTimeMs = -1;
    private long stepsSeen;
    private long nextSnapshotStep;
    private long lastSnapshotMs;
    private boolean snapshotTaken;

    private TrainedModel(VariantSpec variant, String stream, OnlineModel model, TrainerConfig config, TrainingContext context,
                 ModelStats stats) {
        this.variant = variant;
        this.stream = stream;
        this.model = model;
        this.context = context;
        this.stats = stats;
        this.evaluator = new PrequentialEvaluator(model, config.window(), config.fadingFactor());
        this.noise = new LabelNoiseScores(config.window());
        this.insight = config.metrics();
        this.spikes = new LossSpikeDetector(insight.lossEwmaAlpha(), insight.spikeFactor());
        this.drift = new DriftMonitor(config.drift().create(model.task().isClassification()), config.drift().horizon(),
                context.clockMs());
        this.window = new SampleWindow(insight.window());
        this.nextSnapshotStep = insight.everySteps();
    }

    /** Builds the variant's model for the stream, with fresh parameters and watchers, and registers its stats. */
    public static TrainedModel create(VariantSpec v, String stream, TrainerConfig config, TrainingContext context,
                                      TrainerStats stats) {
        ModelBackend backend = context.backend();
        ModelSpec spec = backend.resolve(v.model());
        OnlineModel model = new OnlineModel(v.name(), spec, backend.executor(spec, v.executor(), v.batchSize()),
                backend.initialParams(spec, v.seed()), v.optimizer().create(spec.task(), v.seed()),
                v.optimizer().newSchedule(), new DivergenceGuard(v.divergenceLrFactor(), 100), v.batchSize());
        ModelStats.Shape shape = new ModelStats.Shape(
                spec.kind() == ModelSpec.Kind.DL4J ? 0 : spec.layout().layers().size(),
                config.drift().detectorNames(spec.task().isClassification()));
        return new TrainedModel(v, stream, model, config, context, stats.model(v.name(), stream, shape));
    }

    /** Predicts, scores and learns one labelled sample; see {@link PrequentialEvaluator#step}. */
    public Prediction train(Sample sample) {
        Prediction p = evaluator.step(sample);
        noise.update(sample, p, evaluator.lastLoss());
        if (drift.watching()) {
            // the sample's own position in its stream, else (a source that does not know it) the count this model scored
            drift.observe(evaluator.lastError(), sample.indexOr(evaluator.samples() - 1));
        }
        window.add(sample);
        if (model.steps() != stepsSeen) {
            stepsSeen = model.steps();
            spikes.observe(model.lastLoss());
            if (stepsSeen >= nextSnapshotStep) {
                snapshotIfDue();
            }
        }
        return p;
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

    private void snapshotIfDue() {
        long every = insight.everySteps();
        nextSnapshotStep = (stepsSeen / every + 1) * every;
        long now = context.clockMs().getAsLong();
        if (!insight.enabled() || window.size() < 2
                || (snapshotTaken && now - lastSnapshotMs < insight.minInterval().toMillis())) {
            return;
        }
        snapshotTaken = true;
        lastSnapshotMs = now;
        ModelSnapshot s = new ModelSnapshot(variant.name(), stream, model.spec(), model.steps(),
                evaluator.samples(), now, model.lastLearningRate(), model.lastUpdateNorm(),
                model.paramsView().clone(), window.toArray(), teacher);
        context.runner().submit(variant.name() + "@" + stream, () -> {
            if (inspector == null) {
                inspector = new ModelInspector(model.spec(), context.inspectionExecutor(model.spec()), insight,
                        variant.seed());
            }
            var report = inspector.inspect(s);
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
                lastTruthTimeMs));
    }

    public VariantSpec variant() {
        return variant;
    }

    public String stream() {
        return stream;
    }

    public OnlineModel model() {
        return model;
    }

    public PrequentialEvaluator evaluator() {
        return evaluator;
    }

    public ModelStats stats() {
        return stats;
    }

    /** Model, evaluator, then the watchers in a trailing section that older checkpoints lack. */
    void writeState(DataOutput out) throws IOException {
        model.writeState(out);
        evaluator.writeState(out);
        noise.writeState(out);
        spikes.writeState(out);
        drift.writeState(out);
    }

    void restore(float[] params, java.io.DataInputStream in) throws IOException {
        model.restore(params, in);
        evaluator.readState(in);
        if (in.available() > 0) {
            noise.readState(in);
            spikes.readState(in);
            drift.readState(in);
        }
        stepsSeen = model.steps();
        nextSnapshotStep = (stepsSeen / insight.everySteps() + 1) * insight.everySteps();
    }

    @Override
    public void close() {
        model.close();
        // the inspector's executor is closed with it on the metrics thread's last use; a DL4J one holds native memory
        context.runner().submit(variant.name() + "@" + stream, () -> {
            if (inspector != null) {
                inspector.close();
            }
        });
    }
}

package io.sgdscope.experiment;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.TrainedModel;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.VariantSpec;
import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.InsightRunner;
import io.sgdscope.trainer.model.ModelBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * One variant's {@link TrainedModel}, the trainer's own, fed samples on the caller's thread with its
 * metrics computed inline at the cadence: each snapshot is taken, inspected and returned by the
 * {@link #feed} call whose step made it due, so a run depends on its data and seed alone. The clock
 * is constant, so only the step cadence decides when snapshots come. Not thread-safe; one per job.
 */
public final class InlineTraining implements AutoCloseable {

    /** A metrics report and the prequential scores of the moment it was taken. */
    public record Snapshot(InsightReport report, PrequentialSnapshot prequential) {
    }

    private final VariantSpec variant;
    private final TrainerConfig config;
    private final TrainingContext context;
    private final List<InsightReport> pending = new ArrayList<>();
    private final List<DriftEvent> truthBeforeStart = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private TrainedModel model;

    /** @throws IllegalArgumentException if {@code trainer.metrics.min-interval} is not 0: the clock never moves */
    public InlineTraining(VariantSpec variant, TrainerConfig config, ModelBackend backend) {
        if (!config.metrics().minInterval().isZero()) {
            throw new IllegalArgumentException("inline training takes snapshots at the step cadence alone: "
                    + io.sgdscope.trainer.insight.InsightConfig.MIN_INTERVAL + " must be 0s, got "
                    + config.metrics().minInterval());
        }
        this.variant = variant;
        this.config = config;
        // the held-out set (trainer.holdout.*), read once per job as the trainer service reads it at start-up
        this.context = new TrainingContext(backend, InsightRunner.inline(), pending::add, new DriftTruthLog(),
                () -> 0L).withHoldout(HoldoutSet.load(config.holdout()));
    }

    /** A true shift, handed to the model's drift monitor (held until the model exists). */
    public void onTruth(DriftEvent e) {
        if (model == null) {
            truthBeforeStart.add(e);
        } else {
            model.onTruth(e);
        }
    }

    /**
     * Trains on a labelled sample (predicts an unlabelled one) and returns the snapshots this step
     * made due, usually none.
     */
    public List<Snapshot> feed(Sample s) {
        if (model == null) {
            model = TrainedModel.create(variant, s.stream(), config, context, new TrainerStats());
            truthBeforeStart.forEach(model::onTruth);
            truthBeforeStart.clear();
        }
        if (s.label() == null) {
            model.predict(s);
        } else {
            model.train(s);
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        model.publish();
        PrequentialSnapshot prequential = model.stats().snapshot().prequential();
        List<Snapshot> taken = new ArrayList<>(pending.size());
        for (InsightReport r : pending) {
            taken.add(new Snapshot(r, prequential));
        }
        pending.clear();
        snapshots.addAll(taken);
        return taken;
    }

    /** The model, or null before the first sample. */
    public TrainedModel model() {
        return model;
    }

    /** Every snapshot so far, oldest first. */
    public List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
        context.runner().close();
    }
}

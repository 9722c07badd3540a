package io.sgdscope.trainer;

import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.InsightRunner;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.predict.PredictionSink;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What every model of a trainer service shares: the backend that builds models, where metric
 * snapshots are computed and where their reports go, the drift truth read so far, the clock, and
 * where feature-time predictions go, and the held-out set every model is scored on.
 */
public record TrainingContext(ModelBackend backend, InsightRunner runner, Consumer<InsightReport> reports,
                              DriftTruthLog truth, LongSupplier clockMs, PredictionSink predictions,
                              HoldoutSet holdout) {

    public TrainingContext {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(holdout, "holdout");
    }

    /** A context without a held-out set ({@link HoldoutSet#NONE}). */
    public TrainingContext(ModelBackend backend, InsightRunner runner, Consumer<InsightReport> reports,
                           DriftTruthLog truth, LongSupplier clockMs, PredictionSink predictions) {
        this(backend, runner, reports, truth, clockMs, predictions, HoldoutSet.NONE);
    }

    /** A context that publishes no predictions ({@link PredictionSink#NONE}). */
    public TrainingContext(ModelBackend backend, InsightRunner runner, Consumer<InsightReport> reports,
                           DriftTruthLog truth, LongSupplier clockMs) {
        this(backend, runner, reports, truth, clockMs, PredictionSink.NONE);
    }

    /** The same context, handing feature-time predictions to {@code sink}. */
    public TrainingContext withPredictions(PredictionSink sink) {
        return new TrainingContext(backend, runner, reports, truth, clockMs, sink, holdout);
    }

    /** The same context, scoring every model on {@code set} on the metrics thread. */
    public TrainingContext withHoldout(HoldoutSet set) {
        return new TrainingContext(backend, runner, reports, truth, clockMs, predictions, set);
    }

    /** Computes metrics inline and drops the reports (they still reach {@link ModelStats}): tests and benchmarks. */
    public static TrainingContext inline(ModelBackend backend) {
        return new TrainingContext(backend, InsightRunner.inline(), r -> { }, new DriftTruthLog(),
                System::currentTimeMillis);
    }

    /**
     * A separate executor for the metrics thread: the fast one for sgdscope's architectures (it
     * gives logits and hidden activations), DL4J for a user's network.
     */
    ModelExecutor inspectionExecutor(ModelSpec spec) {
        return spec.kind() == ModelSpec.Kind.DL4J ? backend.executor(spec, ExecutorKind.DL4J, 1) : new FastExecutor(spec);
    }
}

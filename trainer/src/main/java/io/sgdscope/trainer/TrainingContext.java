package io.sgdscope.trainer;

import io.sgdscope.trainer.drift.DriftTruthLog;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.InsightRunner;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What every model of a trainer service shares: the backend that builds models, where metric
 * snapshots are computed and where their reports go, the drift truth read so far, and the clock.
 */
public record TrainingContext(ModelBackend backend, InsightRunner runner, Consumer<InsightReport> reports,
                              DriftTruthLog truth, LongSupplier clockMs) {

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

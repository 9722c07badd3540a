package io.sgdscope.trainer.holdout;

import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.model.Task;

/**
 * Scores parameter snapshots on a {@link HoldoutSet}: once per multiple of its
 * {@code everySteps}, at the first snapshot that reaches it; between, the last score stands.
 * One forward pass per held-out sample. Runs on the metrics thread with the inspector's executor;
 * not thread-safe.
 */
public final class HoldoutEvaluator {

    private final HoldoutSet set;
    private final ModelExecutor executor;
    private final Task task;
    private final float[] output;
    private HoldoutScore last = HoldoutScore.NONE;

    public HoldoutEvaluator(HoldoutSet set, ModelExecutor executor, Task task) {
        this.set = set;
        this.executor = executor;
        this.task = task;
        this.output = new float[task.outputs()];
        int width = executor.spec().widths().length > 0 ? executor.spec().inputs() : -1;
        for (Sample s : set.samples()) {
            if (width >= 0 && s.features().length != width) {
                throw new IllegalArgumentException("held-out sample " + s.id() + " has " + s.features().length
                        + " features, the model takes " + width + " (" + HoldoutConfig.SOURCE_PREFIX + "*)");
            }
        }
    }

    /** The score at {@code step}: evaluated now if a multiple of {@code everySteps} was passed since the last one. */
    public HoldoutScore scoreAt(long step, float[] params) {
        if (set.isEmpty()) {
            return HoldoutScore.NONE;
        }
        long period = set.everySteps();
        boolean due = last == HoldoutScore.NONE ? step >= period : step / period > last.step() / period;
        if (due) {
            last = evaluate(step, params);
        }
        return last;
    }

    /**
     * Accuracy and mean loss of {@code params} over the whole set, scored as the prequential evaluator scores.
     *
     * @throws IllegalArgumentException if a held-out sample does not fit the model (width or class)
     */
    public HoldoutScore evaluate(long step, float[] params) {
        double loss = 0;
        long right = 0;
        for (Sample s : set.samples()) {
            executor.output(params, s.features(), output);
            PrequentialEvaluator.Score score = PrequentialEvaluator.score(s, Prediction.fromOutput(task, output));
            loss += score.loss();
            right += score.error() == 0 ? 1 : 0;
        }
        int n = set.size();
        return new HoldoutScore(step, n, task.isClassification() ? (double) right / n : Double.NaN, loss / n);
    }
}

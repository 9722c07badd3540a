package io.sgdscope.trainer.holdout;

/**
 * The model's accuracy and mean loss on the held-out set at optimizer step {@code step}
 * (log loss for classifiers, squared error for regression, as the prequential ones; accuracy
 * NaN for regression). {@link #NONE} before the first evaluation or without a held-out set.
 */
public record HoldoutScore(long step, int size, double accuracy, double loss) {
    public static final HoldoutScore NONE = new HoldoutScore(-1, 0, Double.NaN, Double.NaN);
}

package io.sgdscope.trainer.eval;

/**
 * What label delay does to one model, as its {@link DelayedEvaluation} last saw it.
 *
 * @param pending            feature-time predictions held for labels still on the way
 * @param pendingAgeSeconds  event-time age of the oldest of them against the newest sample seen; 0 when none
 * @param onTime             joined labels scored on the prediction held since their sample arrived
 * @param lateScored         joined labels whose prediction was no longer held, scored on one made at label time
 * @param evicted            held predictions dropped by a {@link PendingLimits} limit
 * @param labelTimeAccuracy  sliding accuracy of the same samples as the prequential accuracy, each predicted
 *                           when its label arrived, just before learning it; NaN for regression or before any
 * @param labelTimeLoss      sliding log loss (squared error for regression) of those label-time predictions
 */
public record LabelDelayScores(long pending, double pendingAgeSeconds, long onTime, long lateScored, long evicted,
                               double labelTimeAccuracy, double labelTimeLoss) {

    public static final LabelDelayScores EMPTY = new LabelDelayScores(0, 0, 0, 0, 0, Double.NaN, Double.NaN);
}

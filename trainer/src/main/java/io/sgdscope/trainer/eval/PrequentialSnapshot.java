package io.sgdscope.trainer.eval;

/**
 * Prequential accuracy and loss (log loss, or squared error for regression), cumulative, over a
 * sliding window, and fading; plus sliding accuracy against the clean labels where the stream
 * carries them. NaN where not defined or before any sample.
 */
public record PrequentialSnapshot(long samples,
                                  double accuracy, double slidingAccuracy, double fadingAccuracy,
                                  double loss, double slidingLoss, double fadingLoss,
                                  double slidingCleanAccuracy) {

    public static final PrequentialSnapshot EMPTY = new PrequentialSnapshot(0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}

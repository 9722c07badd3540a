package io.sgdscope.trainer.eval;

/** Prequential accuracy and log loss, cumulative, over a sliding window, and fading. NaN before any sample. */
public record PrequentialSnapshot(long samples,
                                  double accuracy, double slidingAccuracy, double fadingAccuracy,
                                  double loss, double slidingLoss, double fadingLoss) {

    public static final PrequentialSnapshot EMPTY =
            new PrequentialSnapshot(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}

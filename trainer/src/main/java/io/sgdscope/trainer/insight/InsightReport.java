package io.sgdscope.trainer.insight;

import java.util.List;

/**
 * The metrics of one model snapshot (see {@code trainer/METRICS.md} for each formula). NaN marks
 * a value that does not apply to the model (a spectrum of a diagonal layer, a normalised margin of
 * a non-homogeneous net) or could not be computed. Published whole to readers on other threads
 * and as one JSON record on {@code trainer.metrics}.
 */
public record InsightReport(String model, String stream, long step, long samples, long timeMs,
                            double computeSeconds, int windowSize, double learningRate,
                            List<LayerInsight> layers,
                            MarginStats margin, MarginStats normalizedMargin, double logitNorm,
                            double sharpness, double eosRatio, int powerIterations,
                            double windowLoss, double windowGradNorm, double paramNorm, double updateRatio,
                            double l1Norm, double supportSize, double supportPrecision, double supportRecall,
                            double memorization, int noisyInWindow) {

    public InsightReport {
        layers = List.copyOf(layers);
    }

    /**
     * One layer, by its index in DL4J's order. Spectral values describe its weight matrix (for a
     * diagonal linear layer Hoyer and near-zero describe beta); activation values describe its
     * outputs over the window and exist for hidden layers only.
     */
    public record LayerInsight(int index, String kind, int inputs, int outputs,
                               double stableRank, double effectiveRank, double numericalRank, double spectralNorm,
                               double alpha, double hoyer, double nearZero,
                               double featureRank, double deadUnits, double activationSparsity) {
    }

    /** Minimum, 5th percentile and median of per-sample margins, and the fraction below 0. */
    public record MarginStats(double min, double p05, double p50, double negativeFraction) {
        public static final MarginStats NONE = new MarginStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}

package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.eval.ClassificationScores;
import io.sgdscope.trainer.holdout.HoldoutScore;
import java.util.List;
import java.util.Objects;

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
                            double memorization, int noisyInWindow,
                            HoldoutScore holdout, ClassificationScores classification,
                            double hessianTrace, double hessianTraceStdError, int hessianProbes,
                            double distanceFromInit, double gradientNoise, double gradientSnr) {

    public InsightReport {
        layers = List.copyOf(layers);
        Objects.requireNonNull(holdout, "holdout");
        Objects.requireNonNull(classification, "classification");
    }

    /** A report without a held-out score, classification metrics or curvature/noise/motion instruments. */
    public InsightReport(String model, String stream, long step, long samples, long timeMs,
                         double computeSeconds, int windowSize, double learningRate,
                         List<LayerInsight> layers,
                         MarginStats margin, MarginStats normalizedMargin, double logitNorm,
                         double sharpness, double eosRatio, int powerIterations,
                         double windowLoss, double windowGradNorm, double paramNorm, double updateRatio,
                         double l1Norm, double supportSize, double supportPrecision, double supportRecall,
                         double memorization, int noisyInWindow) {
        this(model, stream, step, samples, timeMs, computeSeconds, windowSize, learningRate, layers, margin,
                normalizedMargin, logitNorm, sharpness, eosRatio, powerIterations, windowLoss, windowGradNorm,
                paramNorm, updateRatio, l1Norm, supportSize, supportPrecision, supportRecall, memorization,
                noisyInWindow, HoldoutScore.NONE, ClassificationScores.NONE,
                Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One layer, by its index in DL4J's order. Spectral values describe its weight matrix (for a
     * diagonal linear layer Hoyer and near-zero describe beta); activation values describe its
     * outputs over the window and exist for hidden layers only. Distance, gradient noise and update
     * ratio are over the layer's parameters (weights and bias); the spectrum is null for a
     * diagonal layer.
     */
    public record LayerInsight(int index, String kind, int inputs, int outputs,
                               double stableRank, double effectiveRank, double numericalRank, double spectralNorm,
                               double alpha, double hoyer, double nearZero,
                               double featureRank, double deadUnits, double activationSparsity,
                               double distanceFromInit, double gradientNoise, double gradientSnr, double updateRatio,
                               SpectralDensity spectrum) {

        /** WeightWatcher's α·log10(λmax); NaN for a layer without a spectrum or a fit. */
        public double alphaWeighted() {
            return spectrum == null ? Double.NaN : spectrum.alphaWeighted();
        }

        /** Eigenvalues beyond the Marchenko–Pastur edge; NaN for a layer without a spectrum. */
        public double spectralOutliers() {
            return spectrum == null ? Double.NaN : spectrum.outliers();
        }
    }

    /** Minimum, 5th percentile and median of per-sample margins, and the fraction below 0. */
    public record MarginStats(double min, double p05, double p50, double negativeFraction) {
        public static final MarginStats NONE = new MarginStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}

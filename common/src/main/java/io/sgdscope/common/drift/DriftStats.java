package io.sgdscope.common.drift;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input statistics of one stream over one tumbling event-time window, compared with the
 * stream's reference window. One record per closed window on {@code drift.stats}, keyed by stream;
 * the formulas are in {@code streams-app/README.md}.
 *
 * @param reference      true for the reference window itself (its PSI and KS are 0 by definition)
 * @param labelCounts    label distribution: class index, or for regression the label's bin, to count
 * @param featurePsi     per feature, the PSI of its binned distribution against the reference
 * @param featureKs      per feature, the two-sample KS statistic against the reference (on the bins)
 * @param shiftScore     the mean of {@code featurePsi}: one number for "how much did the input move"
 * @param topFeatures    the most shifted features by PSI, largest first
 */
public record DriftStats(String stream, long windowStartMs, long windowEndMs, long count,
                         boolean reference, long referenceStartMs,
                         double[] featureMean, double[] featureVariance,
                         Map<String, Long> labelCounts, double labelPsi,
                         double[] featurePsi, double[] featureKs, double shiftScore,
                         List<FeatureShift> topFeatures) {

    public DriftStats {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(featureMean, "featureMean");
        Objects.requireNonNull(featureVariance, "featureVariance");
        Objects.requireNonNull(labelCounts, "labelCounts");
        Objects.requireNonNull(featurePsi, "featurePsi");
        Objects.requireNonNull(featureKs, "featureKs");
        Objects.requireNonNull(topFeatures, "topFeatures");
        labelCounts = Map.copyOf(labelCounts);
        topFeatures = List.copyOf(topFeatures);
    }

    /** One of the most shifted features: its index and how far it moved. */
    public record FeatureShift(int feature, double psi, double ks) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftStats d
                && stream.equals(d.stream) && windowStartMs == d.windowStartMs && windowEndMs == d.windowEndMs
                && count == d.count && reference == d.reference && referenceStartMs == d.referenceStartMs
                && java.util.Arrays.equals(featureMean, d.featureMean)
                && java.util.Arrays.equals(featureVariance, d.featureVariance)
                && labelCounts.equals(d.labelCounts) && Double.compare(labelPsi, d.labelPsi) == 0
                && java.util.Arrays.equals(featurePsi, d.featurePsi)
                && java.util.Arrays.equals(featureKs, d.featureKs)
                && Double.compare(shiftScore, d.shiftScore) == 0 && topFeatures.equals(d.topFeatures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, windowStartMs, count, java.util.Arrays.hashCode(featurePsi));
    }

    @Override
    public String toString() {
        return "DriftStats[stream=" + stream + ", window=[" + windowStartMs + "," + windowEndMs + "), count=" + count
                + ", reference=" + reference + ", labelPsi=" + labelPsi + ", shiftScore=" + shiftScore
                + ", top=" + topFeatures + "]";
    }
}

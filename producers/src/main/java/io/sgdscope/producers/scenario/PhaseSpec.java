package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.config.ConfigValue;
import java.time.Duration;
import java.util.Map;

/**
 * One phase of a scenario as configured. A phase inherits everything from the one before and
 * changes what its shift says: {@code covariate} fields it sets replace the previous ones,
 * {@code priors} replace the previous priors, {@code concept} and {@code spurious} settings are
 * source parameters laid over the previous ones (a new source instance), and {@code noise}, when
 * present, replaces the previous noise. Null means "inherit".
 *
 * @param startIndex the sample index at which it begins, or -1 when it begins at {@code startTime}
 * @param startTime  time since the stream's first sample at which it begins, or null
 * @param width      samples over which a gradual or incremental transition takes over
 * @param period     samples between switches of a recurring transition
 */
public record PhaseSpec(int id, String key, long startIndex, Duration startTime, DriftEvent.Transition transition,
                        long width, long period, CovariateShift covariate, double[] priors,
                        Map<String, ConfigValue> concept, Map<String, ConfigValue> spurious, NoiseSpec noise) {

    /** The covariate fields a phase set; null fields keep the previous phase's value. */
    public record CovariateShift(String key, double[] mean, Double scale, Double rotation, Double imageRotation,
                                 Double brightness) {

        FeatureTransform over(FeatureTransform previous, int dimension) {
            double[] offset = previous.offset();
            if (mean != null) {
                if (mean.length == 1) {
                    offset = new double[dimension];
                    java.util.Arrays.fill(offset, mean[0]);
                } else if (mean.length == dimension) {
                    offset = mean.clone();
                } else {
                    throw new io.sgdscope.common.config.ConfigException(key + ".mean",
                            "needs 1 value or one per feature (" + dimension + "), got " + mean.length);
                }
            }
            return new FeatureTransform(offset,
                    scale == null ? previous.scale() : scale,
                    rotation == null ? previous.rotation() : rotation,
                    imageRotation == null ? previous.imageRotation() : imageRotation,
                    brightness == null ? previous.brightness() : brightness);
        }
    }

    /** What the phase changes, for {@code drift.truth}: the first of concept, spurious, prior, covariate, noise. */
    public DriftEvent.Kind kind() {
        if (id == 0) {
            return DriftEvent.Kind.START;
        }
        if (!concept.isEmpty()) {
            return DriftEvent.Kind.CONCEPT;
        }
        if (!spurious.isEmpty()) {
            return DriftEvent.Kind.SPURIOUS;
        }
        if (priors != null) {
            return DriftEvent.Kind.PRIOR;
        }
        if (covariate != null) {
            return DriftEvent.Kind.COVARIATE;
        }
        return noise != null ? DriftEvent.Kind.NOISE : DriftEvent.Kind.NONE;
    }

    /** Whether this phase needs a source of its own. */
    boolean changesSource() {
        return !concept.isEmpty() || !spurious.isEmpty();
    }
}

package io.sgdscope.trainer.insight;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.time.Duration;
import java.util.Set;

/**
 * When and how the model metrics (rank, sparsity, margin, sharpness, memorisation, and issue 17's
 * Hessian trace, gradient noise, distances and spectra) are computed.
 * A snapshot is taken on the training thread at the first multiple of {@code everySteps} steps
 * that comes at least {@code minInterval} after the previous one, and computed on a background
 * thread over the last {@code window} samples.
 */
public record InsightConfig(boolean enabled, long everySteps, Duration minInterval, int window,
                            int powerIterations, double powerTolerance, double rankTolerance, double nearZeroEps,
                            double featureVariance, double supportThreshold, double lossEwmaAlpha,
                            double spikeFactor, boolean publish, int hessianProbes) {

    public static final String ENABLED = "trainer.metrics.enabled";
    public static final String EVERY_STEPS = "trainer.metrics.every-steps";
    public static final String MIN_INTERVAL = "trainer.metrics.min-interval";
    public static final String WINDOW = "trainer.metrics.window";
    public static final String POWER_ITERATIONS = "trainer.metrics.power-iterations";
    public static final String POWER_TOLERANCE = "trainer.metrics.power-tolerance";
    public static final String RANK_TOLERANCE = "trainer.metrics.rank-tolerance";
    public static final String NEAR_ZERO_EPS = "trainer.metrics.near-zero-eps";
    public static final String FEATURE_VARIANCE = "trainer.metrics.feature-variance";
    public static final String SUPPORT_THRESHOLD = "trainer.metrics.support-threshold";
    public static final String LOSS_EWMA_ALPHA = "trainer.metrics.loss-ewma-alpha";
    public static final String SPIKE_FACTOR = "trainer.metrics.spike-factor";
    public static final String PUBLISH = "trainer.metrics.publish";
    /** Rademacher probes of the Hutchinson Hessian trace per snapshot; 0 switches the trace off. */
    public static final String HESSIAN_PROBES = "trainer.metrics.hessian-probes";
    public static final Set<String> KEYS = Set.of(ENABLED, EVERY_STEPS, MIN_INTERVAL, WINDOW, POWER_ITERATIONS,
            POWER_TOLERANCE, RANK_TOLERANCE, NEAR_ZERO_EPS, FEATURE_VARIANCE, SUPPORT_THRESHOLD, LOSS_EWMA_ALPHA,
            SPIKE_FACTOR, PUBLISH, HESSIAN_PROBES);

    public InsightConfig {
        if (everySteps < 1) {
            throw new ConfigException(EVERY_STEPS, "must be >= 1, got " + everySteps);
        }
        if (minInterval.isNegative()) {
            throw new ConfigException(MIN_INTERVAL, "must be >= 0, got " + minInterval);
        }
        if (window < 2) {
            throw new ConfigException(WINDOW, "must be >= 2 samples, got " + window);
        }
        if (!(featureVariance > 0 && featureVariance <= 1)) {
            throw new ConfigException(FEATURE_VARIANCE, "must be in (0, 1], got " + featureVariance);
        }
        if (!(lossEwmaAlpha > 0 && lossEwmaAlpha < 1)) {
            throw new ConfigException(LOSS_EWMA_ALPHA, "must be in (0, 1), got " + lossEwmaAlpha);
        }
        if (!(spikeFactor > 1)) {
            throw new ConfigException(SPIKE_FACTOR, "must be > 1, got " + spikeFactor);
        }
        if (hessianProbes < 0) {
            throw new ConfigException(HESSIAN_PROBES, "must be >= 0 (0 switches the trace off), got " + hessianProbes);
        }
    }

    public static InsightConfig from(RawConfig raw) {
        return new InsightConfig(
                raw.booleanValue(ENABLED, true),
                raw.longValue(EVERY_STEPS, 1000, 1, Long.MAX_VALUE),
                raw.duration(MIN_INTERVAL, Duration.ofSeconds(2)),
                raw.intValue(WINDOW, 512, 2, 1 << 16),
                raw.intValue(POWER_ITERATIONS, 20, 1, 10_000),
                raw.doubleValue(POWER_TOLERANCE, 1e-3, 0, 1),
                raw.doubleValue(RANK_TOLERANCE, 1e-3, 0, 1),
                raw.doubleValue(NEAR_ZERO_EPS, 1e-2, 0, 1),
                raw.doubleValue(FEATURE_VARIANCE, 0.99, 0, 1),
                raw.doubleValue(SUPPORT_THRESHOLD, 0.1, 0, 1),
                raw.doubleValue(LOSS_EWMA_ALPHA, 0.01, 0, 1),
                raw.doubleValue(SPIKE_FACTOR, 3, 1, 1e6),
                raw.booleanValue(PUBLISH, true),
                raw.intValue(HESSIAN_PROBES, DEFAULT_HESSIAN_PROBES, 0, 10_000));
    }

    /** Few: each probe is two gradient evaluations over the window; the standard error says how rough it is. */
    public static final int DEFAULT_HESSIAN_PROBES = 4;

    public static InsightConfig defaults() {
        return from(RawConfig.empty());
    }
}

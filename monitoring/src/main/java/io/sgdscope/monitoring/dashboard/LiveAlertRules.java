package io.sgdscope.monitoring.dashboard;

import java.time.Duration;

/**
 * Thresholds and windows of the alert conditions the dashboard evaluates itself. The defaults
 * follow the Prometheus alerts of issue 7 where a one-process history can (see {@link LiveAlerts}).
 *
 * @param recent            how far back "increased recently" looks (divergences, drift detections)
 * @param stall             a trainer with no new samples for this long, while there is work, is stalled
 * @param dlqWindow         the window of the DLQ share
 * @param dlqRatio          the DLQ share of the streams app's input above which it alerts
 * @param deadUnits         the dead-unit ratio above which a layer alerts
 * @param accuracyTolerance accuracy "holds" while it is within this of its best in the history
 */
public record LiveAlertRules(Duration recent, Duration stall, Duration dlqWindow, double dlqRatio, double deadUnits,
                             double accuracyTolerance) {

    public static final LiveAlertRules DEFAULT = new LiveAlertRules(
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(1), 0.01, 0.5, 0.05);

    public LiveAlertRules {
        requirePositive("recent", recent);
        requirePositive("stall", stall);
        requirePositive("dlqWindow", dlqWindow);
        if (!(dlqRatio > 0 && dlqRatio < 1) || !(deadUnits > 0 && deadUnits < 1)
                || !(accuracyTolerance >= 0 && accuracyTolerance < 1)) {
            throw new IllegalArgumentException("live alert ratios must be in (0, 1): dlqRatio " + dlqRatio
                    + ", deadUnits " + deadUnits + ", accuracyTolerance " + accuracyTolerance);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("live alert window " + name + " must be positive, got " + d);
        }
    }
}

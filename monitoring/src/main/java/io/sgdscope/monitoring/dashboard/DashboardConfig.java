package io.sgdscope.monitoring.dashboard;

import java.time.Duration;

/**
 * How the live dashboard samples: every {@code interval}, keeping {@code pointsPerSeries} points of
 * at most {@code maxSeries} series (600 × 1 s is ten minutes).
 */
public record DashboardConfig(Duration interval, int pointsPerSeries, int maxSeries) {

    public static final DashboardConfig DEFAULT = new DashboardConfig(Duration.ofSeconds(1), 600, 2000);

    public DashboardConfig {
        if (interval == null || interval.toMillis() < 10) {
            throw new IllegalArgumentException("dashboard interval must be at least 10 ms, got " + interval);
        }
        if (pointsPerSeries < 2 || pointsPerSeries > 100_000) {
            throw new IllegalArgumentException("dashboard pointsPerSeries must be in 2..100000, got " + pointsPerSeries);
        }
        if (maxSeries < 1 || maxSeries > 100_000) {
            throw new IllegalArgumentException("dashboard maxSeries must be in 1..100000, got " + maxSeries);
        }
    }
}

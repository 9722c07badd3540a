package io.sgdscope.trainer.eval;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.time.Duration;
import java.util.Set;

/**
 * How many feature-time predictions a model holds while their labels are on the way, and for how
 * long. Age is measured in event time (a pending sample's time against the newest sample time the
 * model has seen), not wall-clock time, so a replay evicts exactly what the first run evicted.
 */
public record PendingLimits(int maxCount, Duration maxAge) {

    public static final String MAX_COUNT = "trainer.pending.max-count";
    public static final String MAX_AGE = "trainer.pending.max-age";
    public static final Set<String> KEYS = Set.of(MAX_COUNT, MAX_AGE);

    public static final int DEFAULT_MAX_COUNT = 100_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    public static final PendingLimits DEFAULTS = new PendingLimits(DEFAULT_MAX_COUNT, DEFAULT_MAX_AGE);

    public PendingLimits {
        if (maxCount < 0) {
            throw new ConfigException(MAX_COUNT, "must be >= 0 (0 holds nothing: every joined label is late-scored), got "
                    + maxCount);
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new ConfigException(MAX_AGE, "must be >= 0, got " + maxAge);
        }
    }

    public static PendingLimits from(RawConfig raw) {
        return new PendingLimits(raw.intValue(MAX_COUNT, DEFAULT_MAX_COUNT, 0, Integer.MAX_VALUE),
                raw.duration(MAX_AGE, DEFAULT_MAX_AGE));
    }

    long maxAgeMs() {
        return maxAge.toMillis();
    }
}

package io.sgdscope.producers;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Set;

/**
 * The producer service's settings. {@code maxSamples} 0 means unbounded; {@code ratePerSecond} 0
 * means as fast as the broker takes them.
 */
public record ProduceConfig(String stream, int dimension, long seed, double ratePerSecond, long maxSamples) {

    public static final String STREAM = "producer.stream";
    public static final String DIMENSION = "producer.dimension";
    public static final String SEED = "producer.seed";
    public static final String RATE = "producer.rate";
    public static final String MAX_SAMPLES = "producer.max-samples";
    public static final Set<String> KEYS = Set.of(STREAM, DIMENSION, SEED, RATE, MAX_SAMPLES);

    public ProduceConfig {
        if (stream == null || !stream.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new ConfigException(STREAM, "must be 1-64 characters of [a-zA-Z0-9._-], got '" + stream + "'");
        }
        if (dimension < 1) {
            throw new ConfigException(DIMENSION, "must be >= 1, got " + dimension);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new ConfigException(RATE, "must be >= 0 (0 = unlimited), got " + ratePerSecond);
        }
        if (maxSamples < 0) {
            throw new ConfigException(MAX_SAMPLES, "must be >= 0 (0 = unbounded), got " + maxSamples);
        }
    }

    public static ProduceConfig from(RawConfig raw) {
        return new ProduceConfig(
                raw.string(STREAM, "teacher-linear"),
                raw.intValue(DIMENSION, 64, 1, 1 << 20),
                raw.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE),
                raw.doubleValue(RATE, 2000, 0, 1e9),
                raw.longValue(MAX_SAMPLES, 0, 0, Long.MAX_VALUE));
    }
}

package io.sgdscope.trainer.checkpoint;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how often the trainer checkpoints. A null {@code dir} disables checkpoints: then
 * the consumer group's committed offsets are all that survives a restart.
 */
public record CheckpointConfig(Path dir, long everySamples, Duration interval, int keep) {

    public static final String DIR = "trainer.checkpoint-dir";
    public static final String EVERY_SAMPLES = "trainer.checkpoint-every";
    public static final String INTERVAL = "trainer.checkpoint-interval";
    public static final String KEEP = "trainer.checkpoint-keep";

    public CheckpointConfig {
        if (everySamples < 1) {
            throw new ConfigException(EVERY_SAMPLES, "must be >= 1 sample, got " + everySamples);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new ConfigException(INTERVAL, "must be > 0, got " + interval);
        }
        if (keep < 1) {
            throw new ConfigException(KEEP, "must keep >= 1 checkpoint, got " + keep);
        }
    }

    public static CheckpointConfig from(RawConfig raw) {
        String dir = raw.string(DIR, "");
        return new CheckpointConfig(dir.isBlank() ? null : Path.of(dir),
                raw.longValue(EVERY_SAMPLES, 10_000, 1, Long.MAX_VALUE),
                raw.duration(INTERVAL, Duration.ofSeconds(30)),
                raw.intValue(KEEP, 3, 1, 1000));
    }

    public boolean enabled() {
        return dir != null;
    }
}

package io.sgdscope.trainer.holdout;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The held-out set: a producer source spec under {@code trainer.holdout.source.*} (the words of a
 * producer's {@code source:} section, e.g. {@code type: idx} with the {@code t10k} files, or a
 * synthetic generator), the first {@code size} labelled samples it gives, evaluated every
 * {@code everySteps} optimizer steps on the metrics thread. Disabled unless
 * {@code trainer.holdout.source.type} is set.
 *
 * @param source the source settings as {@code source.<word>} keys, with their origins
 * @param seed   the seed of the source's model (its teacher, centroids): the producer's
 *               {@code source.seed} for the same concept; the inputs are drawn from a seed derived
 *               from it, never the producer's own input stream
 */
public record HoldoutConfig(RawConfig source, int size, long everySteps, long seed) {

    public static final String PREFIX = "trainer.holdout.";
    /** Pass-through prefix of the source's settings. */
    public static final String SOURCE_PREFIX = PREFIX + "source.";
    public static final String SIZE = PREFIX + "size";
    public static final String EVERY_STEPS = PREFIX + "every-steps";
    public static final String SEED = PREFIX + "seed";
    public static final Set<String> KEYS = Set.of(SIZE, EVERY_STEPS, SEED);

    public static final HoldoutConfig NONE = new HoldoutConfig(RawConfig.empty(), 1000, 50_000, 42);

    public HoldoutConfig {
        if (size < 1) {
            throw new ConfigException(SIZE, "must be >= 1, got " + size);
        }
        if (everySteps < 1) {
            throw new ConfigException(EVERY_STEPS, "must be >= 1, got " + everySteps);
        }
    }

    public static HoldoutConfig from(RawConfig raw) {
        RawConfig source = RawConfig.empty();
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(raw.entries()).entrySet()) {
            if (e.getKey().startsWith(SOURCE_PREFIX)) {
                source = source.with("source." + e.getKey().substring(SOURCE_PREFIX.length()), e.getValue().value(),
                        e.getValue().origin());
            }
        }
        return new HoldoutConfig(source,
                raw.intValue(SIZE, 1000, 1, 1_000_000),
                raw.longValue(EVERY_STEPS, 50_000, 1, Long.MAX_VALUE),
                raw.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    public boolean enabled() {
        return source.contains("source.type");
    }
}

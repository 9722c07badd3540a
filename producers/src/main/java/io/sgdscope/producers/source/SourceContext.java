package io.sgdscope.producers.source;

import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.TrackedView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a {@link SampleSourceProvider} builds a source from: its settings, a {@link TrackedView} of
 * the {@code source:} section (so keys no provider reads are rejected afterwards with their file and
 * line), and what the run decides: the stream key, the seeds and the clock.
 *
 * @param settings         the {@code source:} section; {@code type} and {@code seed} are already counted as read
 * @param seed             the seed of the source's model: its teacher, centroids, means; the same in every phase
 * @param inputSeed        the seed of the source's input draws. It equals {@code seed} in phase 0 and differs
 *                         in the source a later phase creates for a concept shift, so that source does not
 *                         replay the inputs of the first one. Sources that keep one seed for everything still work.
 * @param clockMs          the time of the sample being drawn
 * @param defaultDimension {@code producer.dimension}, the default of {@code source.dimension}
 */
public record SourceContext(TrackedView settings, String stream, long seed, long inputSeed, LongSupplier clockMs,
                            int defaultDimension) {

    /** The section every source reads. */
    public static final String SECTION = "source";
    /** Which provider builds the source. */
    public static final String TYPE = "type";
    /** Optional seed of the source; defaults to {@code producer.seed}. */
    public static final String SEED = "seed";
    /** Feature dimension of generators; defaults to {@code producer.dimension}. */
    public static final String DIMENSION = "dimension";

    /** The context of the {@code source:} section of {@code raw}, with {@code seed} for both seeds. */
    public static SourceContext of(RawConfig raw, String stream, long seed, LongSupplier clockMs, int defaultDimension) {
        return of(raw, stream, seed, seed, clockMs, defaultDimension);
    }

    private static SourceContext of(RawConfig raw, String stream, long seed, long inputSeed, LongSupplier clockMs,
                                    int defaultDimension) {
        String type = raw.string(key(TYPE), "").toLowerCase(Locale.ROOT);
        TrackedView settings = raw.tracked(SECTION, "source type '" + type + "'");
        settings.markRead(TYPE);
        settings.markRead(SEED);
        return new SourceContext(settings, stream, seed, inputSeed, clockMs, defaultDimension);
    }

    /** A context from a plain map, for tests and programmatic use: {@code Map.of("dimension", "8")}. */
    public static SourceContext of(Map<String, String> settings, String stream, long seed, LongSupplier clockMs) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        settings.forEach((k, v) -> prefixed.put(key(k), v));
        return of(RawConfig.of(prefixed, "params"), stream, seed, clockMs, 64);
    }

    /** The full key of a source setting: {@code source.NAME}. */
    public static String key(String name) {
        return SECTION + "." + name;
    }

    /** The provider name, lower case. */
    public String type() {
        return settings.raw().string(key(TYPE), "").toLowerCase(Locale.ROOT);
    }

    /** {@code source.dimension}, defaulting to {@code producer.dimension}. */
    public int dimension() {
        return settings.intValue(DIMENSION, defaultDimension, 1, 1 << 20);
    }

    /** This context with other values for some settings, e.g. a phase's concept shift, and nothing read yet. */
    public SourceContext withOverrides(Map<String, ConfigValue> byName, long newInputSeed) {
        RawConfig over = RawConfig.empty();
        for (var e : byName.entrySet()) {
            over = over.with(key(e.getKey()), e.getValue().value(), e.getValue().origin());
        }
        return of(settings.raw().overriddenBy(over), stream, seed, newInputSeed, clockMs, defaultDimension);
    }

    /** Rejects every key under {@code source.} that no reader asked for, listing the known ones. */
    public void requireAllRead() {
        settings.requireAllRead(null);
    }
}

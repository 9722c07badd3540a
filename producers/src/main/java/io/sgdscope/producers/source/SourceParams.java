package io.sgdscope.producers.source;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The settings of one source: the keys under {@code source.} of the resolved config, plus the
 * stream key, seed and clock. Typed readers fail with a {@link ConfigException} naming the full
 * key and where its value came from (file and line); {@link #requireAllRead()} rejects keys no
 * reader asked for. Not thread-safe; used while a source is built.
 */
public final class SourceParams {

    /** The section every source reads. */
    public static final String SECTION = "source";
    /** Which provider builds the source. */
    public static final String TYPE = "type";
    /** Optional seed of the source; defaults to {@code producer.seed}. */
    public static final String SEED = "seed";
    /** Feature dimension of generators; defaults to {@code producer.dimension}. */
    public static final String DIMENSION = "dimension";

    private final RawConfig raw;
    private final String stream;
    private final long seed;
    private final long inputSeed;
    private final LongSupplier clockMs;
    private final int defaultDimension;
    private final Set<String> read = new HashSet<>();

    public SourceParams(RawConfig raw, String stream, long seed, LongSupplier clockMs, int defaultDimension) {
        this(raw, stream, seed, seed, clockMs, defaultDimension);
    }

    private SourceParams(RawConfig raw, String stream, long seed, long inputSeed, LongSupplier clockMs, int defaultDimension) {
        this.raw = raw;
        this.stream = stream;
        this.seed = seed;
        this.inputSeed = inputSeed;
        this.clockMs = clockMs;
        this.defaultDimension = defaultDimension;
        read.add(key(TYPE));
        read.add(key(SEED));
    }

    /** Params from a plain map, for tests and programmatic use: {@code Map.of("dimension", "8")}. */
    public static SourceParams of(Map<String, String> settings, String stream, long seed, LongSupplier clockMs) {
        Map<String, String> prefixed = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> prefixed.put(SECTION + "." + k, v));
        return new SourceParams(RawConfig.of(prefixed, "params"), stream, seed, clockMs, 64);
    }

    public static String key(String name) {
        return SECTION + "." + name;
    }

    public String stream() {
        return stream;
    }

    /** The seed of the source's model: its teacher, centroids, means. The same in every phase. */
    public long seed() {
        return seed;
    }

    /**
     * The seed of the source's input draws. It equals {@link #seed()} in phase 0 and differs in the
     * source a later phase creates for a concept shift, so that source does not replay the inputs
     * of the first one. Sources that keep one seed for everything still work.
     */
    public long inputSeed() {
        return inputSeed;
    }

    public LongSupplier clockMs() {
        return clockMs;
    }

    /** The provider name, lower case. */
    public String type() {
        return raw.string(key(TYPE), "").toLowerCase(Locale.ROOT);
    }

    /** These params with other values for some keys, e.g. a phase's concept shift. */
    public SourceParams withOverrides(Map<String, ConfigValue> byName, long newInputSeed) {
        RawConfig over = RawConfig.empty();
        for (var e : byName.entrySet()) {
            over = over.with(key(e.getKey()), e.getValue().value(), e.getValue().origin());
        }
        return new SourceParams(raw.overriddenBy(over), stream, seed, newInputSeed, clockMs, defaultDimension);
    }

    /** {@code source.dimension}, defaulting to {@code producer.dimension}. */
    public int dimension() {
        return intValue(DIMENSION, defaultDimension, 1, 1 << 20);
    }

    public boolean has(String name) {
        read.add(key(name));
        return raw.contains(key(name)) && !raw.string(key(name), "").isEmpty();
    }

    public String string(String name, String defaultValue) {
        read.add(key(name));
        return raw.string(key(name), defaultValue);
    }

    public int intValue(String name, int defaultValue, int min, int max) {
        read.add(key(name));
        return raw.intValue(key(name), defaultValue, min, max);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        read.add(key(name));
        return raw.longValue(key(name), defaultValue, min, max);
    }

    public double doubleValue(String name, double defaultValue, double min, double max) {
        read.add(key(name));
        return raw.doubleValue(key(name), defaultValue, min, max);
    }

    public boolean booleanValue(String name, boolean defaultValue) {
        read.add(key(name));
        return raw.booleanValue(key(name), defaultValue);
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        read.add(key(name));
        return raw.enumValue(key(name), type, defaultValue);
    }

    /** A list of numbers ({@code name: [0.1, 0.9]}), or null when absent. */
    public double[] doubles(String name, double min, double max) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; raw.contains(key(name) + "[" + i + "]"); i++) {
            String k = key(name) + "[" + i + "]";
            read.add(k);
            out.add(raw.doubleValue(k, 0, min, max));
        }
        if (out.isEmpty()) {
            if (raw.contains(key(name))) {
                throw problem(name, "must be a list such as [0.5, 0.5]");
            }
            return null;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A file that must exist; the error names the key, its origin and the missing path. */
    public Path existingFile(String name) {
        read.add(key(name));
        String value = raw.string(key(name), null);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(key(name), "is required for source type '" + type() + "'");
        }
        Path p = Path.of(value);
        if (!Files.isRegularFile(p)) {
            throw problem(name, "file not found: " + p.toAbsolutePath());
        }
        if (!Files.isReadable(p)) {
            throw problem(name, "file is not readable: " + p.toAbsolutePath());
        }
        return p;
    }

    /** A {@link ConfigException} for {@code source.NAME} that says where its value came from. */
    public ConfigException problem(String name, String message) {
        ConfigValue v = raw.entries().get(key(name));
        return new ConfigException(key(name), message + (v == null ? "" : " (from " + v.origin() + ")"));
    }

    /** Rejects every key under {@code source.} that no reader asked for. */
    public void requireAllRead() {
        Set<String> unknown = new TreeSet<>();
        for (String k : raw.entries().keySet()) {
            if (k.startsWith(SECTION + ".") && !read.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            String k = unknown.iterator().next();
            Set<String> known = new TreeSet<>();
            read.forEach(r -> known.add(r.substring(SECTION.length() + 1).replaceAll("\\[\\d+]$", "")));
            throw new ConfigException(k, "unknown key for source type '" + type() + "' (from "
                    + raw.entries().get(k).origin() + "); known keys: " + String.join(", ", known));
        }
    }
}

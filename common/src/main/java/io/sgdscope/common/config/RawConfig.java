package io.sgdscope.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Flat dotted-key settings with their origin, layered by precedence: flag > environment > file >
 * default. Typed readers fail with a {@link ConfigException} that names the key and where the bad
 * value came from.
 */
public final class RawConfig {

    public static final String ENV_PREFIX = "SGDSCOPE_";

    private final Map<String, ConfigValue> values;

    private RawConfig(Map<String, ConfigValue> values) {
        this.values = Map.copyOf(values);
    }

    public static RawConfig empty() {
        return new RawConfig(Map.of());
    }

    public static RawConfig of(Map<String, String> values, String origin) {
        Map<String, ConfigValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, new ConfigValue(v, origin)));
        return new RawConfig(m);
    }

    /**
     * Nested YAML mappings become dotted keys and list items indexed keys ({@code phases[0].start});
     * each value remembers its file and line.
     */
    public static RawConfig fromYaml(Path file) {
        try (var in = Files.newInputStream(file)) {
            return fromYaml(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("config", "file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
    }

    /** As {@link #fromYaml(Path)}, for a classpath resource; {@code name} appears in error messages. */
    public static RawConfig fromYaml(java.io.InputStream in, String name) {
        try (JsonParser p = new YAMLFactory().createParser(in)) {
            Map<String, ConfigValue> m = new LinkedHashMap<>();
            JsonToken first = p.nextToken();
            if (first == null) {
                return empty();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException("(root)", "config file " + name + " must be a mapping of sections");
            }
            Deque<Frame> stack = new ArrayDeque<>();
            stack.push(new Frame("", false));
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Frame top = stack.peek();
                switch (t) {
                    case FIELD_NAME -> top.name = p.currentName();
                    case START_OBJECT -> stack.push(new Frame(top.nextKey(), false));
                    case START_ARRAY -> stack.push(new Frame(top.nextKey(), true));
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    default -> m.put(top.nextKey(), new ConfigValue(t == JsonToken.VALUE_NULL ? "" : p.getText(),
                            where(name, p.currentTokenLocation())));
                }
            }
            return new RawConfig(m);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", "cannot parse " + where(name, e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + name, e);
        }
    }

    /** A mapping or list being read; lists give their items the keys {@code key[0]}, {@code key[1]}, .... */
    private static final class Frame {
        private final String key;
        private final boolean list;
        private String name;
        private int index = -1;

        Frame(String key, boolean list) {
            this.key = key;
            this.list = list;
        }

        String nextKey() {
            if (list) {
                return key + "[" + ++index + "]";
            }
            return key.isEmpty() ? name : key + "." + name;
        }
    }

    private static String where(String file, JsonLocation loc) {
        return loc == null ? file : file + ":" + loc.getLineNr();
    }

    /**
     * {@code SGDSCOPE_TRAINER_LEARNING_RATE} maps to the known key {@code trainer.learning-rate};
     * {@code SGDSCOPE_KAFKA_SASL_MECHANISM} maps to the pass-through {@code kafka.sasl.mechanism}.
     * Unmatched variables are reported as unknown keys by {@link #requireKnown}.
     */
    public static RawConfig fromEnv(Map<String, String> env, Collection<String> knownKeys) {
        Map<String, String> byEnvName = new TreeMap<>();
        for (String key : knownKeys) {
            byEnvName.put(envName(key), key);
        }
        Map<String, ConfigValue> m = new LinkedHashMap<>();
        env.forEach((var, value) -> {
            if (!var.startsWith(ENV_PREFIX)) {
                return;
            }
            String key = byEnvName.get(var);
            if (key == null) {
                String rest = var.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                key = rest.startsWith("kafka_") ? "kafka." + rest.substring(6).replace('_', '.') : rest.replace('_', '.');
            }
            m.put(key, new ConfigValue(value, "env " + var));
        });
        return new RawConfig(m);
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** This config with {@code higher}'s values winning. */
    public RawConfig overriddenBy(RawConfig higher) {
        Map<String, ConfigValue> m = new LinkedHashMap<>(values);
        m.putAll(higher.values);
        return new RawConfig(m);
    }

    public RawConfig with(String key, String value, String origin) {
        return overriddenBy(new RawConfig(Map.of(key, new ConfigValue(value, origin))));
    }

    /**
     * A view of the keys under {@code section} that remembers which were read, so a component can
     * reject the keys it does not know with their file and line ({@link TrackedView#requireAllRead}).
     */
    public TrackedView tracked(String section) {
        return new TrackedView(this, section, null);
    }

    /**
     * As {@link #tracked(String)}, naming what reads the section in errors, e.g. {@code source type 'csv'}:
     * "config key 'source.path': is required for source type 'csv'".
     */
    public TrackedView tracked(String section, String owner) {
        return new TrackedView(this, section, owner);
    }

    /** Fails on the first key that is neither known nor under a pass-through prefix. */
    public void requireKnown(Set<String> knownKeys, Set<String> passThroughPrefixes) {
        new TreeMap<>(values).forEach((key, v) -> {
            boolean passThrough = passThroughPrefixes.stream().anyMatch(key::startsWith);
            if (!knownKeys.contains(key) && !passThrough) {
                throw new ConfigException(key, "unknown key (from " + v.origin() + ")");
            }
        });
    }

    /** Keys under {@code prefix}, with the prefix removed: the pass-through client properties. */
    public Map<String, String> section(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v.value());
            }
        });
        return m;
    }

    /** Every set key with its value and origin, sorted by key; for reading, never for writing out. */
    public java.util.SortedMap<String, ConfigValue> entries() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * Every set key with its origin and its value as it may be written out (printed config,
     * provenance, logs): the values of {@link SecretKeys secret} keys are {@link Secret#MASK}.
     */
    public java.util.SortedMap<String, ConfigValue> redactedEntries() {
        java.util.SortedMap<String, ConfigValue> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, new ConfigValue(SecretKeys.shown(k, v.value()), v.origin())));
        return java.util.Collections.unmodifiableSortedMap(m);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        ConfigValue v = values.get(key);
        return v == null ? defaultValue : v.value().trim();
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        ConfigValue v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.value().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be an integer");
        }
        if (parsed < min || parsed > max) {
            throw bad(key, v, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public double doubleValue(String key, double defaultValue, double min, double max) {
        ConfigValue v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(v.value().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a number");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw bad(key, v, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    public boolean booleanValue(String key, boolean defaultValue) {
        ConfigValue v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.value().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(key, v, "must be true or false");
        };
    }

    /** Accepts ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    public Duration duration(String key, Duration defaultValue) {
        ConfigValue v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        Duration d = parseDuration(v.value());
        if (d == null || d.isNegative()) {
            throw bad(key, v, "must be a duration such as 500ms, 30s, 5m, 2h or PT30S");
        }
        return d;
    }

    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        ConfigValue v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String wanted = v.value().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw bad(key, v, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }

    private static ConfigException bad(String key, ConfigValue v, String rule) {
        return new ConfigException(key, rule + ", got '" + SecretKeys.shown(key, v.value()) + "' (from " + v.origin() + ")");
    }
}

package io.sgdscope.producers.scenario;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed reads of a {@link RawConfig} that remember which keys were read, so the rest can be rejected. */
final class TrackedConfig {
    private final RawConfig raw;
    private final Set<String> read = new HashSet<>();

    TrackedConfig(RawConfig raw) {
        this.raw = raw;
    }

    RawConfig raw() {
        return raw;
    }

    boolean has(String key) {
        read.add(key);
        return raw.contains(key);
    }

    /** True when some key lies under {@code prefix} (a mapping or list item). */
    boolean hasUnder(String prefix) {
        return raw.entries().keySet().stream().anyMatch(k -> k.startsWith(prefix + ".") || k.startsWith(prefix + "["));
    }

    String origin(String key) {
        ConfigValue v = raw.entries().get(key);
        return v == null ? "default" : v.origin();
    }

    ConfigException problem(String key, String message) {
        ConfigValue v = raw.entries().get(key);
        return new ConfigException(key, message + (v == null ? "" : " (from " + v.origin() + ")"));
    }

    String string(String key, String def) {
        read.add(key);
        return raw.string(key, def);
    }

    double doubleValue(String key, double def, double min, double max) {
        read.add(key);
        return raw.doubleValue(key, def, min, max);
    }

    int intValue(String key, int def, int min, int max) {
        read.add(key);
        return raw.intValue(key, def, min, max);
    }

    long longValue(String key, long def, long min, long max) {
        read.add(key);
        return raw.longValue(key, def, min, max);
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E def) {
        read.add(key);
        return raw.enumValue(key, type, def);
    }

    /** {@code key: [a, b, ...]}, or null when absent; a scalar where a list belongs is an error. */
    double[] doubles(String key, double min, double max) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; raw.contains(key + "[" + i + "]"); i++) {
            out.add(doubleValue(key + "[" + i + "]", 0, min, max));
        }
        if (out.isEmpty()) {
            if (has(key)) {
                throw problem(key, "must be a list such as [0.5, 0.5]");
            }
            return null;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every key under {@code prefix.} with the prefix removed, marked as read (a free-form section). */
    Map<String, ConfigValue> section(String prefix) {
        Map<String, ConfigValue> m = new LinkedHashMap<>();
        raw.entries().forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                read.add(k);
                m.put(k.substring(prefix.length() + 1), new ConfigValue(v.value(), k + " at " + v.origin()));
            }
        });
        return m;
    }

    /** Fails on the first key under one of {@code prefixes} that nothing read. */
    void requireAllRead(List<String> prefixes, String hint) {
        for (var e : raw.entries().entrySet()) {
            String k = e.getKey();
            if (!read.contains(k) && prefixes.stream().anyMatch(p -> k.startsWith(p))) {
                throw new ConfigException(k, "unknown key (from " + e.getValue().origin() + "); " + hint);
            }
        }
    }
}

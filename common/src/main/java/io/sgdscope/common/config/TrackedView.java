package io.sgdscope.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one section of a {@link RawConfig} that remember which keys were read, so that
 * {@link #requireAllRead} can reject every other key under the section with its file and line.
 * Names are relative to the section: in the view of {@code source}, {@code dimension} is the key
 * {@code source.dimension}; a name that starts with {@code [} indexes a list ({@code phases} +
 * {@code [1]} is {@code phases[1]}). {@link #at} gives a view of a subsection that shares what was
 * read, so one check at the end covers every part. Made by {@link RawConfig#tracked}; errors are
 * {@link ConfigException}s naming the full key. Not thread-safe: used while one component is configured.
 */
public final class TrackedView {

    private final RawConfig raw;
    private final String section;
    private final String owner;
    private final Set<String> read;

    TrackedView(RawConfig raw, String section, String owner) {
        this(raw, section, owner, new HashSet<>());
    }

    private TrackedView(RawConfig raw, String section, String owner, Set<String> read) {
        if (section.isEmpty()) {
            throw new IllegalArgumentException("a tracked view needs a section");
        }
        this.raw = raw;
        this.section = section;
        this.owner = owner;
        this.read = read;
    }

    /** The full key of the section, e.g. {@code source} or {@code phases[1].noise}. */
    public String section() {
        return section;
    }

    /** The config this view reads. */
    public RawConfig raw() {
        return raw;
    }

    /** The full key of {@code name}; the empty name is the section itself. */
    public String key(String name) {
        if (name.isEmpty()) {
            return section;
        }
        return name.startsWith("[") ? section + name : section + "." + name;
    }

    /** The view of subsection {@code name}; reads through it count as reads of this view. */
    public TrackedView at(String name) {
        return new TrackedView(raw, key(name), owner, read);
    }

    /** Counts {@code name} as read without reading it: a key another part of the program handles. */
    public void markRead(String name) {
        read.add(key(name));
    }

    /** Whether {@code name} is set to a non-empty value (YAML {@code key:} with no value counts as unset). */
    public boolean has(String name) {
        markRead(name);
        return raw.contains(key(name)) && !raw.string(key(name), "").isEmpty();
    }

    /** Whether some key lies under {@code name} (a mapping or a list). Counts nothing as read. */
    public boolean hasUnder(String name) {
        String k = key(name);
        return raw.entries().keySet().stream().anyMatch(e -> e.startsWith(k + ".") || e.startsWith(k + "["));
    }

    public String string(String name, String defaultValue) {
        markRead(name);
        return raw.string(key(name), defaultValue);
    }

    public int intValue(String name, int defaultValue, int min, int max) {
        markRead(name);
        return raw.intValue(key(name), defaultValue, min, max);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        markRead(name);
        return raw.longValue(key(name), defaultValue, min, max);
    }

    public double doubleValue(String name, double defaultValue, double min, double max) {
        markRead(name);
        return raw.doubleValue(key(name), defaultValue, min, max);
    }

    public boolean booleanValue(String name, boolean defaultValue) {
        markRead(name);
        return raw.booleanValue(key(name), defaultValue);
    }

    public Duration duration(String name, Duration defaultValue) {
        markRead(name);
        return raw.duration(key(name), defaultValue);
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        markRead(name);
        return raw.enumValue(key(name), type, defaultValue);
    }

    /** A list of numbers ({@code name: [0.1, 0.9]}), or null when absent; a scalar where a list belongs is an error. */
    public double[] doubles(String name, double min, double max) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; raw.contains(key(name) + "[" + i + "]"); i++) {
            out.add(doubleValue(name + "[" + i + "]", 0, min, max));
        }
        if (out.isEmpty()) {
            markRead(name);
            if (raw.contains(key(name))) {
                throw problem(name, "must be a list such as [0.5, 0.5]");
            }
            return null;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Every key under subsection {@code name}, relative to it, all counted as read: a free-form
     * section another reader checks. Each value's origin names its full key and where it came from.
     */
    public Map<String, ConfigValue> subsection(String name) {
        String prefix = key(name) + ".";
        Map<String, ConfigValue> m = new LinkedHashMap<>();
        raw.entries().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                read.add(k);
                m.put(k.substring(prefix.length()), new ConfigValue(v.value(), k + " at " + v.origin()));
            }
        });
        return m;
    }

    /** A file that must exist; the error names the key, where its value came from and the missing path. */
    public Path existingFile(String name) {
        String value = string(name, "");
        if (value.isEmpty()) {
            throw new ConfigException(key(name), "is required" + forOwner());
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

    /** A {@link ConfigException} for {@code name} that says where its value came from, if it was set. */
    public ConfigException problem(String name, String message) {
        ConfigValue v = raw.entries().get(key(name));
        return new ConfigException(key(name), message + (v == null ? "" : " (from " + v.origin() + ")"));
    }

    /**
     * Fails on the first key (in key order) under the section that no reader asked for, naming it
     * and its file and line, followed by {@code hint}, or by the names that were read when the hint is null.
     */
    public void requireAllRead(String hint) {
        for (var e : raw.entries().entrySet()) {
            String k = e.getKey();
            if (under(k) && !read.contains(k)) {
                throw new ConfigException(k, "unknown key" + forOwner() + " (from " + e.getValue().origin() + "); "
                        + (hint != null ? hint : "known keys: " + String.join(", ", knownNames())));
            }
        }
    }

    private boolean under(String k) {
        return k.equals(section) || k.startsWith(section + ".") || k.startsWith(section + "[");
    }

    /** The names read under the section, without list indices, sorted. */
    private Set<String> knownNames() {
        Set<String> known = new TreeSet<>();
        for (String r : read) {
            if (r.startsWith(section + ".")) {
                known.add(r.substring(section.length() + 1).replaceAll("\\[\\d+]$", ""));
            }
        }
        return known;
    }

    private String forOwner() {
        return owner == null ? "" : " for " + owner;
    }
}

package io.sgdscope.monitoring.dashboard;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series of the history: a Prometheus metric name (as {@code /metrics} shows it) and its tags.
 * {@link #id()} is the exposition form, {@code name{k="v",...}}, with the tags sorted.
 */
public record SeriesKey(String name, SortedMap<String, String> tags) {

    public SeriesKey {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a series needs a name");
        }
        tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public String id() {
        if (tags.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    /** True if every tag of {@code selector} has the same value here. */
    public boolean matches(Map<String, String> selector) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(tags.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

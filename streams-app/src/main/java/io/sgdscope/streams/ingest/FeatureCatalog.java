package io.sgdscope.streams.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import io.sgdscope.ingest.FeatureTable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest feature table of each ingested stream, as the app publishes it to {@code features.schema}:
 * what the HTTP API serves (GET {@code /api/features}) and the dashboard names features from. Keyed
 * like the topic: by stream, or by {@code topic:<name>} for a mapping whose stream comes from the record.
 * Thread-safe: stream threads write, the HTTP server reads.
 */
public final class FeatureCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> tables = new ConcurrentSkipListMap<>();
    private final Map<String, FeatureTable> parsed = new ConcurrentSkipListMap<>();

    public void put(String key, String tableJson) {
        tables.put(key, tableJson);
        parsed.put(key, FeatureTable.fromJson(tableJson));
    }

    /** The keys of the tables published so far: stream names (and {@code topic:<name>} for record-named streams). */
    public Set<String> keys() {
        return Set.copyOf(tables.keySet());
    }

    /** The name of feature {@code index} of {@code stream} ({@code user/country=DE}), when a table names it. */
    public Optional<String> featureName(String stream, int index) {
        FeatureTable t = parsed.get(stream);
        return t == null || index < 0 || index >= t.dimension() ? Optional.empty() : Optional.of(t.name(index));
    }

    /** The table published under {@code key}, as JSON, or null. */
    public String get(String key) {
        return tables.get(key);
    }

    /** {@code {"<stream>": <table>, ...}}: every table, by key. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        try {
            for (var e : tables.entrySet()) {
                root.set(e.getKey(), JSON.readTree(e.getValue()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return root.toString();
    }
}

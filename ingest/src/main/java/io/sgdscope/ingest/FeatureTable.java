package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What each slot of a mapping's feature vector means: {@code 17 = user/country=DE},
 * {@code 20 = hash(merchant,user/id)#3}, {@code 3 = missing(amount)}. Fixed when the mapping compiles.
 * Published as JSON ({@link #toJson}, version {@value #FORMAT_VERSION}) so that consumers name features
 * instead of numbering them.
 *
 * @param topic    the foreign topic the mapping reads
 * @param stream   the stream name when it is a constant, else null
 * @param features slot {@code i} is {@code features.get(i)}
 */
public record FeatureTable(String topic, String stream, List<Feature> features) {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One slot: its index, its name, the field(s) it reads (pointers, comma-separated), and its kind
     * ({@code numeric}, {@code missing}, {@code one-hot}, {@code one-hot-learned}, {@code other}, {@code hash}, {@code cross}).
     */
    public record Feature(int index, String name, String field, String kind) {
        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public FeatureTable {
        Objects.requireNonNull(topic, "topic");
        features = List.copyOf(features);
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).index() != i) {
                throw new IllegalArgumentException("feature " + i + " has index " + features.get(i).index());
            }
        }
    }

    public int dimension() {
        return features.size();
    }

    public String name(int index) {
        return features.get(index).name();
    }

    /** One line per slot, {@code 17 = user/country=DE}, indices right-aligned; for {@code --print-config}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        int width = Integer.toString(Math.max(0, features.size() - 1)).length();
        for (Feature f : features) {
            sb.append(String.format("%" + width + "d = %s%n", f.index(), f.name()));
        }
        return sb.toString();
    }

    /** {@code {"version":1,"topic":..,"stream":..,"dimension":N,"features":[{"index","name","field","kind"}..]}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("topic", topic);
        if (stream != null) {
            root.put("stream", stream);
        } else {
            root.putNull("stream");
        }
        root.put("dimension", features.size());
        ArrayNode list = root.putArray("features");
        for (Feature f : features) {
            list.addObject().put("index", f.index()).put("name", f.name()).put("field", f.field()).put("kind", f.kind());
        }
        return root.toString();
    }

    /** The table {@link #toJson} wrote; fails with {@link IllegalArgumentException} on anything else. */
    public static FeatureTable fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a feature table: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != FORMAT_VERSION) {
            throw new IllegalArgumentException("not a feature table of version " + FORMAT_VERSION);
        }
        List<Feature> features = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            features.add(new Feature(f.path("index").asInt(-1), text(f, "name"), text(f, "field"), text(f, "kind")));
        }
        if (root.path("dimension").asInt(-1) != features.size()) {
            throw new IllegalArgumentException("feature table says dimension " + root.path("dimension")
                    + " but lists " + features.size() + " features");
        }
        JsonNode stream = root.path("stream");
        return new FeatureTable(text(root, "topic"), stream.isTextual() ? stream.asText() : null, features);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("feature table: '" + field + "' must be a string");
        }
        return v.asText();
    }
}

package io.sgdscope.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Drafts an {@code ingest:} entry from decoded records of a topic, for {@code sgdscope ingest infer}:
 * numeric leaves become numeric features ({@code missing: 0} with an indicator when some records lack
 * them, {@code log1p} when they are non-negative and span more than three decades), booleans 0/1,
 * strings with at most {@value #MAX_ONE_HOT} distinct values a fixed one-hot with {@code other: true},
 * other strings hashed; a field named like an id that is unique per record is the {@code id}, an
 * epoch-ms or ISO-8601 field named like a time the {@code timestamp}, and a boolean or low-cardinality
 * field named like a label the {@code label} (commented out when the name is only suggestive, e.g.
 * {@code is_*}). The draft is YAML text that {@link IngestSpecs#parse} reads; the user edits it.
 */
public final class MappingDraft {

    /** The most distinct values a string field may have to be drafted as one-hot. */
    public static final int MAX_ONE_HOT = 20;
    private static final int MAX_TRACKED = 10_000;
    private static final Pattern ID = Pattern.compile("(?i)(.*[_-])?id|.*[a-z]Id|uuid|guid|key");
    private static final Pattern TIME = Pattern.compile("(?i)ts|time|timestamp|datetime|date|event[_-]?time|.*[_-](at|time|ts|timestamp)");
    private static final Pattern LABEL = Pattern.compile("(?i)label|target|class|y|outcome|fraud|is[_-]?fraud|churn(ed)?");
    private static final Pattern MAYBE_LABEL = Pattern.compile("(?i)is[_-].+|has[_-].+|.*[_-](label|target|class|flag)");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./-]+");

    private MappingDraft() {
    }

    /** A draft reading {@code topic} as {@code format: json}. */
    public static String draft(String topic, List<JsonNode> records) {
        return draft(topic, "format: json", records);
    }

    /**
     * A draft reading {@code topic}; {@code formatYaml} is the entry's format lines as the caller knows
     * them (e.g. {@code format: avro-confluent} and a {@code registry:} line), written as given.
     *
     * @throws IllegalArgumentException when there are no records, or nothing in them can be a feature
     */
    public static String draft(String topic, String formatYaml, List<JsonNode> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records to draft a mapping from");
        }
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        for (JsonNode r : records) {
            walk(r, "", leaves);
        }
        int n = records.size();
        String id = null;
        String timestamp = null;
        String label = null;
        List<String> labelLines = new ArrayList<>();
        for (Leaf l : leaves.values()) {
            if (id == null && ID.matcher(l.name()).matches() && l.present == n && l.unique(n) && l.scalar()) {
                id = l.pointer;
                l.role = "id";
            } else if (timestamp == null && TIME.matcher(l.name()).matches() && l.present == n && l.allTimestamps()) {
                timestamp = l.pointer;
                l.role = "timestamp";
            }
        }
        for (Leaf l : leaves.values()) {
            if (l.role != null || !l.labelLike()) {
                continue;
            }
            boolean sure = LABEL.matcher(l.name()).matches();
            if (!sure && !MAYBE_LABEL.matcher(l.name()).matches()) {
                continue;
            }
            String line = "label: {field: " + pointer(l.pointer) + ", " + l.labelKind() + "}";
            if (sure && label == null) {
                label = line;
                l.role = "label";
            } else {
                labelLines.add("# " + line + "   # a label? " + l.describe(n) + "; if so, drop its feature below");
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Drafted by sgdscope ingest infer from ").append(n).append(" records of ").append(topic)
                .append(". Review every line before use.\n");
        out.append("ingest:\n");
        out.append("  - from: ").append(scalar(topic)).append('\n');
        for (String line : formatYaml.split("\n")) {
            if (!line.isBlank()) {
                out.append("    ").append(line.strip()).append('\n');
            }
        }
        out.append(id != null ? "    id: " + pointer(id) + "   # unique in all " + n + " records\n"
                : "    # id: /POINTER   # no field is unique per record: ids default to topic-partition-offset\n");
        out.append("    stream: ").append(scalar(topic)).append('\n');
        out.append(timestamp != null ? "    timestamp: " + pointer(timestamp) + "   # a time in every record\n"
                : "    timestamp: record   # no time field found: the Kafka record timestamp\n");
        if (label != null) {
            out.append("    ").append(label).append('\n');
        }
        for (String line : labelLines) {
            out.append("    ").append(line).append('\n');
        }
        out.append("    # labels-from: {topic: TOPIC, id: /POINTER, label: {field: /POINTER}}   # labels that come later\n");
        out.append("    features:\n");
        int features = 0;
        for (Leaf l : leaves.values()) {
            if (l.role != null) {
                continue;
            }
            String line = l.feature(n);
            if (!line.startsWith("#")) {
                features++;
            }
            out.append("      ").append(line).append('\n');
        }
        if (features == 0) {
            throw new IllegalArgumentException("none of the fields of " + topic + " can be a feature");
        }
        return out.toString();
    }

    private static void walk(JsonNode node, String at, Map<String, Leaf> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), leaves);
            }
            return;
        }
        if (at.isEmpty()) {
            return; // a record that is not an object has no fields to name
        }
        Leaf leaf = leaves.computeIfAbsent(at, Leaf::new);
        leaf.add(node);
    }

    /** A pointer, plain when YAML allows it. */
    private static String pointer(String p) {
        return PLAIN.matcher(p).matches() ? p : quoted(p);
    }

    private static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !s.startsWith("-") ? s : quoted(s);
    }

    /** A JSON string literal, which is also a YAML double-quoted scalar. */
    private static String quoted(String s) {
        return new TextNode(s).toString();
    }

    /** What was seen at one pointer across the records. */
    private static final class Leaf {
        final String pointer;
        String role;
        int present;
        int numbers;
        int booleans;
        int texts;
        int others;
        int numericTexts;
        int timestamps;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final Map<String, Integer> distinct = new HashMap<>();
        boolean overflow;

        Leaf(String pointer) {
            this.pointer = pointer;
        }

        String name() {
            String last = pointer.substring(pointer.lastIndexOf('/') + 1);
            return last.replace("~1", "/").replace("~0", "~");
        }

        void add(JsonNode v) {
            if (v.isNull()) {
                return;
            }
            present++;
            if (v.isNumber()) {
                numbers++;
                double d = v.doubleValue();
                min = Math.min(min, d);
                max = Math.max(max, d);
                if (v.canConvertToLong() && d > 1e11 && d < 1e14) {
                    timestamps++; // epoch milliseconds between 1973 and 5138
                }
            } else if (v.isBoolean()) {
                booleans++;
            } else if (v.isTextual()) {
                texts++;
                String s = v.asText();
                try {
                    double d = Double.parseDouble(s.trim());
                    if (Double.isFinite(d)) {
                        numericTexts++;
                        min = Math.min(min, d);
                        max = Math.max(max, d);
                    }
                } catch (NumberFormatException e) {
                    // not numeric text
                }
                if (isIsoTime(s)) {
                    timestamps++;
                }
            } else {
                others++; // an array
                return;
            }
            if (!overflow) {
                distinct.merge(v.asText(), 1, Integer::sum);
                overflow = distinct.size() > MAX_TRACKED;
            }
        }

        static boolean isIsoTime(String s) {
            try {
                Instant.parse(s);
                return true;
            } catch (DateTimeParseException e) {
                try {
                    OffsetDateTime.parse(s);
                    return true;
                } catch (DateTimeParseException e2) {
                    return false;
                }
            }
        }

        boolean scalar() {
            return others == 0;
        }

        boolean unique(int n) {
            return !overflow && distinct.size() == present && present == n && n > 1;
        }

        boolean allTimestamps() {
            return timestamps == present && present > 0;
        }

        boolean numeric() {
            return others == 0 && present > 0 && numbers + booleans + numericTexts == present;
        }

        boolean labelLike() {
            if (others > 0 || present == 0) {
                return false;
            }
            return booleans == present || (!overflow && distinct.size() >= 2 && distinct.size() <= 10);
        }

        String labelKind() {
            if (booleans == present) {
                return "classes: [false, true]";
            }
            return "classes: [" + String.join(", ", sortedValues().stream().map(MappingDraft::scalarValue).toList()) + "]";
        }

        List<String> sortedValues() {
            return distinct.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
        }

        String describe(int n) {
            String seen = present + "/" + n + " records";
            if (others > 0) {
                return "arrays in " + others + " of " + seen;
            }
            if (numeric()) {
                return "numbers in " + seen + ", " + fmt(min) + " .. " + fmt(max);
            }
            return (overflow ? "more than " + MAX_TRACKED : Integer.toString(distinct.size())) + " distinct values in " + seen;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.4g", d);
        }

        /** The feature line, or a commented line saying why the field is left out. */
        String feature(int n) {
            String p = pointer(pointer);
            boolean someMissing = present < n;
            String why = "   # " + describe(n);
            if (present == 0) {
                return "# - {field: " + p + "}   # always null or absent: left out";
            }
            if (others > 0) {
                return "# - {field: " + p + "}   # " + describe(n) + ": arrays are not features; point into one, "
                        + "e.g. " + pointer + "/0";
            }
            if (numeric()) {
                boolean skewed = min >= 0 && max > 1000;
                return "- {field: " + p + (skewed ? ", transform: log1p" : "")
                        + (someMissing ? ", missing: 0, missing-indicator: true" : "") + "}" + why;
            }
            if (numbers + booleans > 0) {
                return "# - {field: " + p + "}   # mixed types (numbers and text) in " + present + "/" + n
                        + " records: choose one-hot or hash";
            }
            if (!overflow && distinct.size() <= MAX_ONE_HOT) {
                return "- {field: " + p + ", one-hot: [" + String.join(", ", sortedValues().stream()
                        .map(MappingDraft::scalarValue).toList()) + "], other: true"
                        + (someMissing ? ", optional: true" : "") + "}" + why;
            }
            if (unique(n)) {
                return "# - {field: " + p + ", hash: {bits: 16}}   # unique per record: an identifier, not a feature";
            }
            int bits = Math.max(4, Math.min(18, 64 - Long.numberOfLeadingZeros(Math.max(1, distinct.size()) * 4L - 1)));
            return "- {field: " + p + ", hash: {bits: " + bits + "}" + (someMissing ? ", optional: true" : "") + "}" + why;
        }
    }

    /** A category as YAML: double-quoted, so that text such as {@code null}, {@code yes} or {@code a, b} stays itself. */
    private static String scalarValue(String s) {
        return quoted(s);
    }
}

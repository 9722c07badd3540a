package io.sgdscope.ingest;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.config.Secret;
import io.sgdscope.common.config.TrackedView;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code ingest:} list of the layered configuration into {@link IngestSpec}s, strictly: an
 * unknown key, a wrong type, a bad JSON Pointer, an empty class list, hash bits outside 1..24, a clip
 * with lo >= hi fail with a {@link ConfigException} naming the full key ({@code ingest[0].features[2].one-hot})
 * and the file and line it came from. The YAML reference is in ingest/README.md.
 */
public final class IngestSpecs {

    /** The section key. */
    public static final String SECTION = "ingest";
    /** Prefixes of the keys this parser owns, for the launcher's unknown-key check. */
    public static final List<String> PREFIXES = List.of(SECTION + "[", SECTION);

    static final String ENTRY_KEYS = "an ingest entry has from, format, csv, schemas, registry, id, stream, timestamp, "
            + "label, labels-from and features";
    static final String NUMERIC_KEYS = "a numeric feature has field, name, transform, missing, missing-indicator, clip "
            + "and scale";
    static final String ONE_HOT_KEYS = "a one-hot feature has field, name, one-hot, other and optional";
    static final String HASH_KEYS = "a hashed feature has field or fields (or cross), name, hash (bits, signed, seed) "
            + "and optional";
    static final String LABEL_KEYS = "a label has field and either classes or target";
    static final String LABELS_FROM_KEYS = "labels-from has topic, format, csv, schemas, registry, id, stream, "
            + "timestamp and label";
    static final String REGISTRY_KEYS = "a registry has url, username, password, timeout and retry-total";

    private IngestSpecs() {
    }

    /** The entries of the {@code ingest:} list, in order; empty when there is none. */
    public static List<IngestSpec> parse(RawConfig raw) {
        TrackedView list = raw.tracked(SECTION);
        if (list.has("")) {
            throw list.problem("", "must be a list of entries (" + ENTRY_KEYS + ")");
        }
        List<IngestSpec> specs = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        for (int i = 0; list.hasUnder("[" + i + "]") || raw.contains(list.key("[" + i + "]")); i++) {
            TrackedView entry = list.at("[" + i + "]");
            if (raw.contains(entry.section())) {
                throw entry.problem("", "an ingest entry must be a mapping (" + ENTRY_KEYS + ")");
            }
            IngestSpec spec = readEntry(entry);
            if (!topics.add(spec.from())) {
                throw entry.problem("from", "topic '" + spec.from() + "' is already read by an earlier ingest entry");
            }
            if (spec.labelsFrom() != null && !topics.add(spec.labelsFrom().topic())) {
                throw entry.at("labels-from").problem("topic", "topic '" + spec.labelsFrom().topic()
                        + "' is already read by an ingest entry");
            }
            specs.add(spec);
        }
        list.requireAllRead(ENTRY_KEYS);
        for (IngestSpec s : specs) {
            if (s.labelsFrom() != null && topics.contains(s.labelsFrom().topic()) && s.labelsFrom().topic().equals(s.from())) {
                throw new ConfigException(s.key() + ".labels-from.topic", "must differ from the entry's own topic");
            }
        }
        return List.copyOf(specs);
    }

    private static IngestSpec readEntry(TrackedView e) {
        String from = required(e, "from", "the topic to read");
        FormatSpec format = readFormat(e, null);
        Pointers pointers = new Pointers(format);
        ValueSource id = null;
        if (e.has("id")) {
            id = source(e, "id", pointers, false, true, false);
        }
        ValueSource stream = e.has("stream") ? source(e, "stream", pointers, true, true, false)
                : new ValueSource.Constant(from);
        ValueSource timestamp = e.has("timestamp") ? source(e, "timestamp", pointers, false, false, true)
                : new ValueSource.RecordTimestamp();
        LabelSpec label = present(e, "label") ? readLabel(e.at("label"), pointers, null) : null;
        LabelsFromSpec labelsFrom = null;
        if (present(e, "labels-from")) {
            labelsFrom = readLabelsFrom(e.at("labels-from"), format, stream, label);
        }
        TrackedView features = e.at("features");
        if (e.raw().contains(features.section())) {
            throw features.problem("", "must be a list of features");
        }
        List<FeatureSpec> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; features.hasUnder("[" + i + "]") || e.raw().contains(features.key("[" + i + "]")); i++) {
            TrackedView f = features.at("[" + i + "]");
            if (e.raw().contains(f.section())) {
                throw f.problem("", "a feature must be a mapping such as {field: /amount}");
            }
            FeatureSpec spec = readFeature(f, pointers);
            if (!names.add(spec.name())) {
                throw new ConfigException(f.key("name"), "feature name '" + spec.name()
                        + "' is used twice in this entry; give one a name:");
            }
            list.add(spec);
        }
        if (list.isEmpty()) {
            throw new ConfigException(features.section(), "is required: at least one feature, e.g. [{field: /amount}]");
        }
        e.requireAllRead(ENTRY_KEYS);
        return new IngestSpec(e.section(), from, format, id, stream, timestamp, label, labelsFrom, list);
    }

    /** {@code format:} and its options; {@code inherited} (labels-from) supplies defaults. */
    private static FormatSpec readFormat(TrackedView e, FormatSpec inherited) {
        RecordFormat.Kind kind = e.enumValue("format", RecordFormat.Kind.class,
                inherited == null ? RecordFormat.Kind.JSON : inherited.kind());
        boolean same = inherited != null && kind == inherited.kind();
        List<String> columns = List.of();
        char delimiter = ',';
        TrackedView csv = e.at("csv");
        if (kind == RecordFormat.Kind.CSV && !(same && !csv.hasUnder(""))) {
            columns = strings(csv, "columns");
            if (columns == null || columns.isEmpty()) {
                throw new ConfigException(csv.key("columns"), "is required for format csv: the column names, in order");
            }
            if (new LinkedHashSet<>(columns).size() != columns.size()) {
                throw csv.problem("columns[0]", "column names must be distinct");
            }
            String d = csv.string("delimiter", ",");
            if (d.equals("\\t") || d.equals("tab")) {
                d = "\t";
            }
            if (d.length() != 1 || d.equals("\"")) {
                throw csv.problem("delimiter", "must be one character other than a quote, got '" + d + "'");
            }
            delimiter = d.charAt(0);
            csv.requireAllRead("csv has columns and delimiter");
        } else if (same && kind == RecordFormat.Kind.CSV) {
            columns = inherited.csvColumns();
            delimiter = inherited.csvDelimiter();
        } else if (csv.hasUnder("")) {
            throw new ConfigException(csv.section(), "only applies to format csv");
        }
        boolean schemas = same ? inherited.connectSchemas() : true;
        if (e.has("schemas")) {
            if (kind != RecordFormat.Kind.CONNECT_JSON) {
                throw e.problem("schemas", "only applies to format connect-json");
            }
            schemas = e.booleanValue("schemas", true);
        }
        RegistrySpec registry = null;
        TrackedView r = e.at("registry");
        if (kind == RecordFormat.Kind.AVRO_CONFLUENT) {
            if (!r.hasUnder("") && same) {
                registry = inherited.registry();
            } else {
                registry = readRegistry(r);
            }
        } else if (r.hasUnder("") || e.has("registry")) {
            throw new ConfigException(r.section(), "only applies to format avro-confluent");
        }
        return new FormatSpec(kind, columns, delimiter, schemas, registry);
    }

    private static RegistrySpec readRegistry(TrackedView r) {
        String url = required(r, "url", "the schema registry's base URL, e.g. http://localhost:8081 "
                + "(Apicurio: http://host:8080/apis/ccompat/v7)");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException ex) {
            throw r.problem("url", "is not a URL: " + ex.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw r.problem("url", "must be an http or https URL with a host");
        }
        String user = r.has("username") ? r.string("username", "") : null;
        Secret password = r.has("password") ? Secret.of(r.string("password", "")) : null;
        if ((user == null) != (password == null)) {
            throw new ConfigException(r.key(user == null ? "username" : "password"),
                    "is required with " + (user == null ? "password" : "username") + " (basic auth)");
        }
        Duration timeout = r.duration("timeout", RegistrySpec.DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            throw r.problem("timeout", "must be positive");
        }
        Duration retry = r.duration("retry-total", RegistrySpec.DEFAULT_RETRY_TOTAL);
        r.requireAllRead(REGISTRY_KEYS);
        return new RegistrySpec(uri, user, password, timeout, retry);
    }

    private static LabelsFromSpec readLabelsFrom(TrackedView l, FormatSpec format, ValueSource stream, LabelSpec label) {
        if (l.has("")) {
            throw l.problem("", "must be a mapping (" + LABELS_FROM_KEYS + ")");
        }
        String topic = required(l, "topic", "the topic the labels come on");
        FormatSpec labelsFormat = readFormat(l, format);
        Pointers pointers = new Pointers(labelsFormat);
        if (!l.has("id")) {
            throw new ConfigException(l.key("id"), "is required: the /pointer of the sample id the label belongs to "
                    + "(the entry's id: must be set too, since offsets cannot be matched across topics)");
        }
        ValueSource idSource = source(l, "id", pointers, false, false, false);
        ValueSource labelsStream;
        if (l.has("stream")) {
            labelsStream = source(l, "stream", pointers, true, true, false);
        } else if (stream instanceof ValueSource.Constant) {
            labelsStream = stream;
        } else {
            throw new ConfigException(l.key("stream"), "is required when the entry's stream is not a constant");
        }
        ValueSource time = l.has("timestamp") ? source(l, "timestamp", pointers, false, false, true)
                : new ValueSource.RecordTimestamp();
        if (!present(l, "label")) {
            throw new ConfigException(l.key("label"), "is required: {field: /pointer} with classes or target "
                    + "(both inherited from the entry's label when it has one)");
        }
        LabelSpec labelSpec = readLabel(l.at("label"), pointers, label);
        l.requireAllRead(LABELS_FROM_KEYS);
        return new LabelsFromSpec(topic, labelsFormat, ((ValueSource.Field) idSource).pointer(), labelsStream, time,
                labelSpec);
    }

    /** {@code {field, classes | target}}; classes or target may be inherited from {@code inherited}. */
    private static LabelSpec readLabel(TrackedView l, Pointers pointers, LabelSpec inherited) {
        if (l.raw().contains(l.section())) {
            throw l.problem("", "must be a mapping such as {field: /is_fraud, classes: [false, true]} or "
                    + "{field: /amount, target: true}");
        }
        String field = pointers.read(l, "field", true);
        List<String> classes = strings(l, "classes");
        boolean target = l.booleanValue("target", false);
        if (l.has("target") && !target) {
            throw l.problem("target", "write target: true for a regression label, or leave it out and list classes");
        }
        if (classes != null && target) {
            throw l.problem("target", "a label has either classes or target, not both");
        }
        if (classes == null && !target) {
            if (inherited == null) {
                throw new ConfigException(l.key("classes"), "is required: the class values in index order, "
                        + "e.g. [false, true], or target: true for regression");
            }
            classes = inherited.classes();
        }
        if (classes != null && new LinkedHashSet<>(classes).size() != classes.size()) {
            throw l.problem("classes[0]", "class values must be distinct, got " + classes);
        }
        if (classes != null && classes.size() < 2) {
            throw l.problem("classes[0]", "needs two classes or more, got " + classes);
        }
        l.requireAllRead(LABEL_KEYS);
        return new LabelSpec(field, target ? List.of() : classes);
    }

    private static FeatureSpec readFeature(TrackedView f, Pointers pointers) {
        boolean oneHot = present(f, "one-hot");
        boolean cross = present(f, "cross");
        boolean hashed = cross || present(f, "fields") || present(f, "hash");
        if (oneHot && hashed) {
            throw f.problem("one-hot", "a feature is one-hot or hashed, not both");
        }
        if (oneHot) {
            return readOneHot(f, pointers);
        }
        if (hashed) {
            return readHashed(f, pointers, cross);
        }
        return readNumeric(f, pointers);
    }

    private static FeatureSpec.Numeric readNumeric(TrackedView f, Pointers pointers) {
        if (!f.has("field")) {
            throw new ConfigException(f.key("field"), "is required: the /pointer of the value; "
                    + "a feature is numeric ({field}), one-hot ({field, one-hot}), hashed ({fields, hash}) or a cross");
        }
        String field = pointers.read(f, "field", true);
        String name = name(f, field);
        FeatureSpec.Transform transform = f.enumValue("transform", FeatureSpec.Transform.class, FeatureSpec.Transform.NONE);
        Double missing = f.has("missing") ? f.doubleValue("missing", 0, -Float.MAX_VALUE, Float.MAX_VALUE) : null;
        boolean indicator = f.booleanValue("missing-indicator", false);
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double[] clip = f.doubles("clip", -Double.MAX_VALUE, Double.MAX_VALUE);
        if (clip != null) {
            if (clip.length != 2) {
                throw f.problem("clip[0]", "clip is [lo, hi], got " + clip.length + " numbers");
            }
            if (!(clip[0] < clip[1])) {
                throw f.problem("clip[0]", "clip needs lo < hi, got [" + clip[0] + ", " + clip[1] + "]");
            }
            lo = clip[0];
            hi = clip[1];
        }
        FeatureSpec.Scale scale = FeatureSpec.Scale.NONE;
        TrackedView s = f.at("scale");
        if (s.hasUnder("")) {
            if (!s.has("mean") || !s.has("sd")) {
                throw new ConfigException(s.key(s.has("mean") ? "sd" : "mean"), "is required: fixed scaling is "
                        + "{mean: m, sd: s}; or write scale: standard for running moments");
            }
            double mean = s.doubleValue("mean", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
            double sd = s.doubleValue("sd", 1, Double.MIN_VALUE, Double.MAX_VALUE);
            s.requireAllRead("a fixed scale has mean and sd");
            scale = new FeatureSpec.Scale(FeatureSpec.Scale.Kind.FIXED, mean, sd);
        } else if (f.has("scale")) {
            String text = f.string("scale", "");
            scale = switch (text) {
                case "standard" -> FeatureSpec.Scale.RUNNING;
                case "none" -> FeatureSpec.Scale.NONE;
                default -> throw f.problem("scale", "must be standard, none or {mean: m, sd: s}, got '" + text + "'");
            };
        }
        f.requireAllRead(NUMERIC_KEYS);
        return new FeatureSpec.Numeric(name, field, transform, missing, indicator, lo, hi, scale);
    }

    private static FeatureSpec.OneHot readOneHot(TrackedView f, Pointers pointers) {
        String field = pointers.read(f, "field", true);
        String name = name(f, field);
        List<String> values = List.of();
        int learn = 0;
        boolean other;
        TrackedView oh = f.at("one-hot");
        if (f.raw().contains(oh.section())) {
            throw f.problem("one-hot", "must be a list of categories such as [web, app] or {learn: 50}");
        }
        if (f.raw().contains(oh.key("[0]")) || oh.hasUnder("[0]")) {
            values = strings(f, "one-hot");
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw f.problem("one-hot[0]", "categories must be distinct, got " + values);
            }
            other = f.booleanValue("other", false);
        } else {
            if (!oh.has("learn")) {
                throw new ConfigException(oh.key("learn"), "is required: one-hot is a list such as [web, app] or "
                        + "{learn: N}, the first N values seen");
            }
            learn = oh.intValue("learn", 0, 1, 1 << 16);
            oh.requireAllRead("a learned one-hot is {learn: N}");
            other = f.booleanValue("other", true);
        }
        boolean optional = f.booleanValue("optional", false);
        f.requireAllRead(ONE_HOT_KEYS);
        return new FeatureSpec.OneHot(name, field, values, learn, other, optional);
    }

    private static FeatureSpec.Hashed readHashed(TrackedView f, Pointers pointers, boolean cross) {
        List<String> fields = new ArrayList<>();
        String listName = cross ? "cross" : "fields";
        if (cross && (present(f, "fields") || present(f, "field"))) {
            throw f.problem(f.has("field") ? "field" : "fields", "a cross lists its fields in cross: [/a, /b]");
        }
        if (!cross && f.has("field")) {
            if (present(f, "fields")) {
                throw f.problem("field", "write field or fields, not both");
            }
            fields.add(pointers.read(f, "field", true));
        } else {
            if (f.raw().contains(f.key(listName))) {
                throw f.problem(listName, "must be a list of /pointers such as [/merchant, /user/id]");
            }
            for (int i = 0; f.raw().contains(f.key(listName + "[" + i + "]")); i++) {
                fields.add(pointers.read(f, listName + "[" + i + "]", true));
            }
            if (fields.size() < (cross ? 2 : 1)) {
                throw new ConfigException(f.key(listName), cross ? "a cross needs two /pointers or more"
                        : "is required: the /pointers to hash, e.g. [/merchant, /user/id]");
            }
        }
        if (new LinkedHashSet<>(fields).size() != fields.size()) {
            throw f.problem(listName + "[0]", "fields must be distinct, got " + fields);
        }
        String name = f.has("name") ? f.string("name", "")
                : (cross ? "cross(" : "hash(") + String.join(",", Values.stripped(fields)) + ")";
        TrackedView h = f.at("hash");
        if (!h.has("bits")) {
            throw new ConfigException(h.key("bits"), "is required: hash: {bits: B} hashes into 2^B slots, B in 1.."
                    + FeatureSpec.Hashed.MAX_BITS);
        }
        int bits = h.intValue("bits", 0, 1, FeatureSpec.Hashed.MAX_BITS);
        boolean signed = h.booleanValue("signed", true);
        int seed = h.intValue("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        h.requireAllRead("hash has bits, signed and seed");
        boolean optional = f.booleanValue("optional", false);
        f.requireAllRead(HASH_KEYS);
        return new FeatureSpec.Hashed(name, fields, cross, bits, signed, seed, optional);
    }

    private static String name(TrackedView f, String field) {
        if (f.has("name")) {
            return f.string("name", "");
        }
        return Values.stripped(field);
    }

    /**
     * An id, stream or timestamp source: {@code /pointer}, or {@code key} when {@code keyOk}, {@code record}
     * when {@code recordOk}, any other text as a constant when {@code constantOk}.
     */
    private static ValueSource source(TrackedView v, String name, Pointers pointers, boolean constantOk, boolean keyOk,
                                      boolean recordOk) {
        String text = v.string(name, "");
        if (text.startsWith("/")) {
            return new ValueSource.Field(pointers.read(v, name, true));
        }
        if (keyOk && text.equals("key")) {
            return new ValueSource.RecordKey();
        }
        if (recordOk && text.equals("record")) {
            return new ValueSource.RecordTimestamp();
        }
        if (constantOk) {
            return new ValueSource.Constant(text);
        }
        throw v.problem(name, "must be a /pointer" + (keyOk ? " or key" : "") + (recordOk ? " or record" : "")
                + ", got '" + text + "'");
    }

    /** Whether {@code name} is set at all: a value (even an empty one), a mapping or a list. Counts it as read. */
    private static boolean present(TrackedView v, String name) {
        v.markRead(name);
        return v.raw().contains(v.key(name)) || v.hasUnder(name);
    }

    private static String required(TrackedView v, String name, String what) {
        if (!v.has(name)) {
            throw new ConfigException(v.key(name), "is required: " + what);
        }
        return v.string(name, "");
    }

    /** A list of scalars ({@code name: [a, b]}) as text, or null when absent; a scalar where a list belongs is an error. */
    static List<String> strings(TrackedView v, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; v.raw().contains(v.key(name) + "[" + i + "]") || v.hasUnder(name + "[" + i + "]"); i++) {
            if (!v.raw().contains(v.key(name) + "[" + i + "]")) {
                throw v.problem(name + "[" + i + "]", "must be a scalar, not a list or mapping");
            }
            out.add(v.string(name + "[" + i + "]", ""));
        }
        if (out.isEmpty()) {
            boolean set = v.raw().contains(v.key(name));
            v.markRead(name);
            if (set) {
                throw v.problem(name, "must be a non-empty list such as [a, b]");
            }
            return null;
        }
        return out;
    }

    /** Reads and checks JSON Pointers; with csv, a pointer must name a declared column. */
    private static final class Pointers {
        private final FormatSpec format;

        Pointers(FormatSpec format) {
            this.format = format;
        }

        String read(TrackedView v, String name, boolean required) {
            if (!v.has(name)) {
                if (required) {
                    throw new ConfigException(v.key(name), "is required: a JSON Pointer such as /user/age");
                }
                return null;
            }
            String text = v.string(name, "");
            if (!text.startsWith("/")) {
                throw v.problem(name, "must be a JSON Pointer starting with / (RFC 6901), such as /user/age, got '"
                        + text + "'");
            }
            if (!text.matches("(/([^~]|~[01])*)+")) {
                throw v.problem(name, "is not a valid JSON Pointer: after ~ comes 0 (for ~) or 1 (for /), got '"
                        + text + "'");
            }
            if (format.kind() == RecordFormat.Kind.CSV) {
                String column = text.substring(1).replace("~1", "/").replace("~0", "~");
                if (!format.csvColumns().contains(column)) {
                    throw v.problem(name, "names no declared csv column: the columns are "
                            + format.csvColumns().stream().map(c -> "/" + c).toList());
                }
            }
            return text;
        }
    }
}

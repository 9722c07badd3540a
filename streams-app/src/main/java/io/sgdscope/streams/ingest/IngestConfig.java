package io.sgdscope.streams.ingest;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.ingest.CompiledMapping;
import io.sgdscope.ingest.IngestSpec;
import io.sgdscope.ingest.IngestSpecs;
import io.sgdscope.ingest.LabelSpec;
import io.sgdscope.ingest.ValueSource;
import io.sgdscope.streams.StreamSchema;
import io.sgdscope.streams.StreamSchema.LabelTask;
import io.sgdscope.streams.StreamsAppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ingest:} section of the configuration, compiled once at start-up: one mapping per
 * foreign topic, each with a fixed feature dimension. Parsing ({@link IngestSpecs#parse}) fails on
 * the first bad key, naming it with its file and line.
 */
public record IngestConfig(List<CompiledMapping> mappings) {

    public static final IngestConfig NONE = new IngestConfig(List.of());

    public IngestConfig {
        mappings = List.copyOf(mappings);
    }

    public static IngestConfig from(RawConfig raw) {
        List<CompiledMapping> compiled = new ArrayList<>();
        for (IngestSpec spec : IngestSpecs.parse(raw)) {
            compiled.add(CompiledMapping.compile(spec));
        }
        return new IngestConfig(compiled);
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }

    /** The foreign topics read: each entry's {@code from} and its {@code labels-from} topic. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (CompiledMapping m : mappings) {
            topics.add(m.topic());
            m.labelsFrom().ifPresent(l -> topics.add(l.topic()));
        }
        return topics;
    }

    /**
     * What the streams app must expect of each stream a mapping names as a constant: the mapping's
     * dimension, and its label task (the classes of {@code label} or {@code labels-from}). A
     * {@code streams.streams.<name>} setting that contradicts it fails here instead of sending every
     * record to the DLQ as {@code wrong_dimension}. Streams taken from a field or the key cannot be
     * known in advance; they use {@code streams.feature-dimension} (set it, or 0 to learn it).
     */
    public Map<String, StreamSchema> streamSchemas(StreamsAppConfig app) {
        Map<String, StreamSchema> out = new TreeMap<>();
        for (CompiledMapping m : mappings) {
            if (!(m.spec().stream() instanceof ValueSource.Constant c)) {
                continue;
            }
            StreamSchema schema = new StreamSchema(m.dimension(), task(m.spec()));
            StreamSchema configured = app.perStream().get(c.value());
            if (configured != null && configured.dimension() != StreamSchema.LEARN_DIMENSION
                    && configured.dimension() != schema.dimension()) {
                throw new ConfigException(StreamsAppConfig.PER_STREAM_PREFIX + c.value() + ".feature-dimension",
                        "is " + configured.dimension() + ", but " + m.spec().key() + " maps topic '" + m.topic()
                                + "' to " + schema.dimension() + " features for this stream");
            }
            StreamSchema previous = out.put(c.value(), schema);
            if (previous != null && !previous.equals(schema)) {
                throw new ConfigException(m.spec().key() + ".stream", "stream '" + c.value() + "' is also written by "
                        + "another ingest entry with " + previous.dimension() + " features, this one has "
                        + schema.dimension() + " (one stream, one model, one dimension)");
            }
        }
        return out;
    }

    private static LabelTask task(IngestSpec spec) {
        LabelSpec label = spec.label() != null ? spec.label()
                : spec.labelsFrom() != null ? spec.labelsFrom().label() : null;
        if (label == null) {
            return LabelTask.LEARN;
        }
        return label.isTarget() ? LabelTask.REGRESSION : LabelTask.classes(label.classes().size());
    }

    /** For {@code --print-config}: per entry, a heading and its feature table ({@code 17 = user/country=DE}). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (CompiledMapping m : mappings) {
            sb.append("# feature table of ").append(m.spec().key()).append(": topic ").append(m.topic())
                    .append(" -> stream ").append(describe(m.spec().stream())).append(", ").append(m.dimension())
                    .append(" features").append(m.learnsVocabulary() ? "; learned slots are named as values arrive" : "")
                    .append(System.lineSeparator())
                    .append(m.featureTable().render());
        }
        return sb.toString();
    }

    private static String describe(ValueSource s) {
        if (s instanceof ValueSource.Constant c) {
            return c.value();
        }
        if (s instanceof ValueSource.Field f) {
            return "from field " + f.pointer();
        }
        return "from the record key";
    }
}

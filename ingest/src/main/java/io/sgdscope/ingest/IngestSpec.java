package io.sgdscope.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@code ingest:} list, parsed and checked by {@link IngestSpecs#parse}: read topic
 * {@code from} in {@code format}, and map each record to a sample.
 *
 * @param key        the entry's config key, e.g. {@code ingest[0]}, for messages
 * @param id         where the sample id comes from; null for the default {@code topic-partition-offset}
 * @param stream     the sample's stream: a constant, a field or the key (default: the topic name)
 * @param timestamp  the event time: a field (epoch ms or ISO-8601) or the record's timestamp
 * @param label      the label in the record, or null when labels only come later
 * @param labelsFrom the topic that brings labels later, or null
 */
public record IngestSpec(String key, String from, FormatSpec format, ValueSource id, ValueSource stream,
                         ValueSource timestamp, LabelSpec label, LabelsFromSpec labelsFrom,
                         List<FeatureSpec> features) {

    public IngestSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(timestamp, "timestamp");
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException(key + ": needs at least one feature");
        }
    }

    /** The feature dimension this entry compiles to. */
    public int dimension() {
        return features.stream().mapToInt(FeatureSpec::width).sum();
    }
}

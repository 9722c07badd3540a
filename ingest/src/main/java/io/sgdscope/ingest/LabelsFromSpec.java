package io.sgdscope.ingest;

import java.util.Objects;

/**
 * {@code labels-from:} labels that arrive on another topic, later: each record there carries the
 * sample id ({@code id}) and its label, and becomes a {@link io.sgdscope.common.LabelRecord}.
 *
 * @param stream    the labels' stream: a constant, a field or the key (default: the entry's constant stream)
 * @param timestamp when the label became known (default: the record's timestamp)
 */
public record LabelsFromSpec(String topic, FormatSpec format, String id, ValueSource stream, ValueSource timestamp,
                             LabelSpec label) {

    public LabelsFromSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(label, "label");
    }
}

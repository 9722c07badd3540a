package io.sgdscope.ingest;

import java.util.List;
import java.util.Objects;

/**
 * {@code label: {field: /is_fraud, classes: [false, true]}} (the class index is the value's position,
 * values compared as JSON text so {@code false}, {@code "fraud"} and {@code 1} all work) or
 * {@code label: {field: /y, target: true}} for regression. An absent or null field leaves the sample unlabelled.
 *
 * @param classes the class values in index order; empty for a regression target
 */
public record LabelSpec(String field, List<String> classes) {

    public LabelSpec {
        Objects.requireNonNull(field, "field");
        classes = List.copyOf(classes);
    }

    public boolean isTarget() {
        return classes.isEmpty();
    }
}

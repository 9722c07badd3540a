package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/** A compiled {@link ValueSource}: reads an id, a stream or a timestamp from a record and its decoded value. */
final class SampleFields {

    private SampleFields() {
    }

    /** A text value (id, stream); {@code fallback} gives the default when {@code source} is null. */
    static java.util.function.BiFunction<IngestRecord, JsonNode, String> text(ValueSource source,
            java.util.function.Function<IngestRecord, String> fallback) {
        if (source == null) {
            return (record, root) -> fallback.apply(record);
        }
        if (source instanceof ValueSource.Constant c) {
            String v = c.value();
            return (record, root) -> v;
        }
        if (source instanceof ValueSource.RecordKey) {
            return (record, root) -> Values.key(record);
        }
        if (source instanceof ValueSource.Field f) {
            JsonPointer p = JsonPointer.compile(f.pointer());
            return (record, root) -> Values.requiredText(root, p, f.pointer());
        }
        throw new IllegalArgumentException("not a text source: " + source);
    }

    /** An event time in epoch ms. */
    static java.util.function.ToLongBiFunction<IngestRecord, JsonNode> time(ValueSource source) {
        if (source instanceof ValueSource.RecordTimestamp) {
            return (record, root) -> record.timestampMs();
        }
        if (source instanceof ValueSource.Field f) {
            JsonPointer p = JsonPointer.compile(f.pointer());
            return (record, root) -> {
                JsonNode n = Values.at(root, p);
                if (n == null) {
                    throw new MappingFailure(IngestFailure.MISSING_FIELD, "timestamp field " + f.pointer() + " is missing");
                }
                return Values.epochMillis(n, f.pointer());
            };
        }
        throw new IllegalArgumentException("not a timestamp source: " + source);
    }
}

package io.sgdscope.ingest;

import java.util.Objects;

/**
 * Where the id, stream or timestamp of a sample comes from: a field of the record (a JSON Pointer),
 * a constant, the record's key, or the record's Kafka timestamp.
 */
public sealed interface ValueSource {

    /** {@code /user/id}: a field of the decoded value. */
    record Field(String pointer) implements ValueSource {
        public Field {
            Objects.requireNonNull(pointer, "pointer");
        }
    }

    /** {@code payments}: the same value for every record. */
    record Constant(String value) implements ValueSource {
        public Constant {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code key}: the record's key, as UTF-8 text. */
    record RecordKey() implements ValueSource {
    }

    /** {@code record}: the record's Kafka timestamp (timestamps only). */
    record RecordTimestamp() implements ValueSource {
    }
}

package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.DecodeError;
import io.sgdscope.ingest.IngestFailure;
import java.util.Locale;

/**
 * Why a record went to {@code samples.dlq}: one code per check. The tag values form a small fixed
 * set; {@code streams-app/README.md} lists them all with their meaning.
 */
public enum DlqReason {
    MALFORMED_JSON,
    /** A record starting with the binary magic byte that does not decode as the binary codec. */
    MALFORMED_BINARY,
    MISSING_FIELD,
    WRONG_TYPE,
    UNSUPPORTED_VERSION,
    EMPTY_PAYLOAD,
    NON_FINITE,
    WRONG_DIMENSION,
    /** A class index outside the stream's task, or a label of the wrong kind (class vs target). */
    LABEL_OUT_OF_RANGE,
    /** The record is larger than {@code streams.max-record-bytes}, or a field too long for the binary format. */
    TOO_LARGE,
    /** The event time is negative, too far ahead of or too far behind the record's Kafka timestamp. */
    BAD_TIMESTAMP,
    /** An unlabelled sample whose id is already waiting for its label. */
    DUPLICATE_ID,
    /** A second label for a sample id that already has one waiting. */
    DUPLICATE_LABEL,
    /** A label whose sample did not arrive within the join window. */
    ORPHAN_LABEL,
    /** A label whose stream is not the stream of the sample with its id (it was checked against its own stream's task). */
    STREAM_MISMATCH,
    // The ingest stage's own reasons (a foreign record that the `ingest:` mapping cannot map); it also
    // uses missing_field, wrong_type and bad_timestamp above. Same codes as IngestFailure's.
    /** A foreign record that is not a record of its declared format (broken JSON, a bad CSV line, not Confluent Avro). */
    UNPARSABLE,
    /** A one-hot value outside its list, or outside a full learned vocabulary, with {@code other: false}. */
    UNKNOWN_CATEGORY,
    /** An Avro record naming a schema id the registry does not know. */
    UNKNOWN_SCHEMA_ID,
    /** The schema registry stayed unreachable for the whole retry budget; the record can be replayed. */
    REGISTRY_UNREACHABLE,
    /** A foreign label that is not one of the mapping's declared classes (or not a number for a target). */
    BAD_LABEL,
    /** A foreign value that is NaN or infinite after its transform. */
    BAD_VALUE;

    /** The value of the reason header and of the {@code reason} metric tag. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a foreign record the ingest mapping rejected: the one with the same code. */
    public static DlqReason of(IngestFailure failure) {
        return valueOf(failure.name());
    }

    public static DlqReason of(DecodeError error, boolean binary) {
        return switch (error) {
            case MALFORMED, TRUNCATED -> binary ? MALFORMED_BINARY : MALFORMED_JSON;
            case MISSING_FIELD -> MISSING_FIELD;
            case WRONG_TYPE, INVALID_VALUE -> WRONG_TYPE;
            case UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
            case EMPTY -> EMPTY_PAYLOAD;
        };
    }
}

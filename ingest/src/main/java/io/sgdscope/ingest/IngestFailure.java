package io.sgdscope.ingest;

import java.util.Locale;

/**
 * Why a foreign record could not be mapped: the DLQ reason ({@link #code()}, the value of the
 * {@code sgdscope.dlq.reason} header). A small fixed set, so it may label a metric.
 */
public enum IngestFailure {
    /** The bytes are not a record of the declared format: broken JSON, a bad CSV line, no Confluent magic byte, Avro that does not decode. */
    UNPARSABLE,
    /** A field the mapping needs is absent or null, and the mapping gives no {@code missing:} value. */
    MISSING_FIELD,
    /** A field has the wrong type: an object where a number belongs, a non-numeric string for a numeric feature. */
    WRONG_TYPE,
    /** A one-hot value outside its list (or outside a frozen learned vocabulary) with {@code other: false}. */
    UNKNOWN_CATEGORY,
    /** The Avro record names a schema id the registry does not know (HTTP 404). */
    UNKNOWN_SCHEMA_ID,
    /** The schema registry could not be reached within the retry budget ({@code registry.retry-total}). */
    REGISTRY_UNREACHABLE,
    /** The timestamp field is neither epoch milliseconds nor an ISO-8601 instant. */
    BAD_TIMESTAMP,
    /** The label is not one of the declared {@code classes}, or not a number for a regression {@code target}. */
    BAD_LABEL,
    /** A numeric value that cannot be a feature: NaN or infinite after its transform (log of a negative number). */
    BAD_VALUE;

    /** The DLQ reason code: the name in lower case, e.g. {@code unknown_schema_id}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.sgdscope.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The {@code format:} of an ingest entry with its options: {@code csv: {columns, delimiter}} for csv,
 * {@code schemas} (the converter's {@code schemas.enable}) for connect-json, {@code registry:} for avro-confluent.
 *
 * @param csvColumns the declared CSV columns, in order; empty for other formats
 * @param registry   the schema registry; null unless {@code avro-confluent}
 */
public record FormatSpec(RecordFormat.Kind kind, List<String> csvColumns, char csvDelimiter, boolean connectSchemas,
                         RegistrySpec registry) {

    public FormatSpec {
        Objects.requireNonNull(kind, "kind");
        csvColumns = List.copyOf(csvColumns);
        if (kind == RecordFormat.Kind.CSV && csvColumns.isEmpty()) {
            throw new IllegalArgumentException("csv needs its columns");
        }
        if (kind == RecordFormat.Kind.AVRO_CONFLUENT) {
            Objects.requireNonNull(registry, "registry");
        }
    }

    public static FormatSpec json() {
        return new FormatSpec(RecordFormat.Kind.JSON, List.of(), ',', true, null);
    }
}

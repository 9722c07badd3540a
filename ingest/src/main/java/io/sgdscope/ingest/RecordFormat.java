package io.sgdscope.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the value bytes of a foreign topic are read: every format yields a Jackson tree, which the
 * mapping addresses with JSON Pointers. Implementations are in {@code io.sgdscope.ingest.format};
 * {@link io.sgdscope.ingest.format.RecordFormats#create} makes one from its {@link FormatSpec}.
 */
public interface RecordFormat {

    /** The decoded value; a failure names its {@link IngestFailure} (unparsable bytes, unknown schema id, ...). */
    JsonNode decode(IngestRecord record) throws IngestDecodeException;

    /** The formats, as spelled in {@code format:} ({@code connect-json} is {@link #CONNECT_JSON}). */
    enum Kind {
        /** A JSON document per record. */
        JSON,
        /** Kafka Connect's JsonConverter output, with the {@code {"schema", "payload"}} envelope or without. */
        CONNECT_JSON,
        /** One CSV line (RFC 4180 quoting) per record, columns declared in {@code csv.columns}. */
        CSV,
        /** Confluent's wire format: magic byte 0, a 4-byte schema id, Avro binary; schemas from a registry. */
        AVRO_CONFLUENT;

        /** How the kind is written in the configuration, e.g. {@code avro-confluent}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}

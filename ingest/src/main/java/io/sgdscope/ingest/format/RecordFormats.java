package io.sgdscope.ingest.format;

import io.sgdscope.ingest.FormatSpec;
import io.sgdscope.ingest.RecordFormat;

/** Makes the {@link RecordFormat} a {@link FormatSpec} declares. */
public final class RecordFormats {

    private RecordFormats() {
    }

    /** A new format; an avro-confluent one gets its own {@link SchemaRegistryClient} (with its own cache). */
    public static RecordFormat create(FormatSpec spec) {
        return switch (spec.kind()) {
            case JSON -> new JsonFormat();
            case CONNECT_JSON -> new ConnectJsonFormat(spec.connectSchemas());
            case CSV -> new CsvFormat(spec.csvColumns(), spec.csvDelimiter());
            case AVRO_CONFLUENT -> new AvroConfluentFormat(new SchemaRegistryClient(spec.registry()));
        };
    }
}

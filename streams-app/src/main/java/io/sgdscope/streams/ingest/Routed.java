package io.sgdscope.streams.ingest;

/**
 * Where the ingest stage sends what it made of a foreign record; the topology splits on the type.
 * Keys travel on the Kafka Streams record: a sample by stream, a label by sample id, a DLQ record by
 * its original key, a feature table by stream.
 */
sealed interface Routed {

    /** A mapped sample in the binary codec, for validation like any sample on {@code samples.raw}. */
    record ToSamples(byte[] sample) implements Routed {
    }

    /** A mapped label in the {@code labels.raw} JSON contract, for the delayed-label join. */
    record ToLabels(byte[] label) implements Routed {
    }

    /** The original bytes of a rejected record; reason and provenance are in the record's headers. */
    record ToDlq(byte[] original) implements Routed {
    }

    /** A stream's feature table as JSON, for the compacted {@code features.schema} topic. */
    record ToSchema(String table) implements Routed {
    }
}

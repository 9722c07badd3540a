package io.sgdscope.streams.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.IngestSpec;
import io.sgdscope.ingest.RecordFormat;
import io.sgdscope.ingest.ValueSource;
import io.sgdscope.ingest.format.RecordFormats;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The stream a foreign record belongs to, before it is mapped: the key the ingest path repartitions
 * by, so one task holds a stream's learned vocabulary. A record whose stream cannot be read gets the
 * empty key; the mapping rejects it afterwards with the precise reason.
 */
final class StreamKey {

    private StreamKey() {
    }

    static Function<IngestRecord, String> of(IngestSpec spec) {
        ValueSource source = spec.stream();
        if (source instanceof ValueSource.Constant c) {
            String stream = c.value();
            return r -> stream;
        }
        if (source instanceof ValueSource.RecordKey) {
            return r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        }
        if (source instanceof ValueSource.Field f) {
            // decoded twice (here and in the mapping): only for learning mappings whose stream is a field
            RecordFormat format = RecordFormats.create(spec.format());
            JsonPointer pointer = JsonPointer.compile(f.pointer());
            return r -> {
                try {
                    JsonNode v = format.decode(r).at(pointer);
                    return v.isValueNode() ? v.asText() : "";
                } catch (IngestDecodeException | RuntimeException e) {
                    return "";
                }
            };
        }
        return r -> spec.from();
    }
}

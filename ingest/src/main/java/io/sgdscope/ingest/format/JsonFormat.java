package io.sgdscope.ingest.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.RecordFormat;
import java.io.IOException;

/** {@code format: json}: one JSON document per record value; trailing garbage makes it unparsable. */
public final class JsonFormat implements RecordFormat {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public JsonNode decode(IngestRecord record) throws IngestDecodeException {
        byte[] value = requireValue(record);
        try {
            JsonNode root = MAPPER.readTree(value);
            if (root == null || root.isMissingNode()) {
                throw new IngestDecodeException(IngestFailure.UNPARSABLE, "the value holds no JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not JSON: " + e.getMessage());
        }
    }

    /** The value bytes; a tombstone or empty value is unparsable in every format. */
    static byte[] requireValue(IngestRecord record) throws IngestDecodeException {
        if (record.value() == null || record.value().length == 0) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, record.value() == null
                    ? "the record has no value (a tombstone)" : "the record's value is empty");
        }
        return record.value();
    }
}

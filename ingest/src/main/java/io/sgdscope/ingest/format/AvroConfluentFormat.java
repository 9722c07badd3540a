package io.sgdscope.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.RecordFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * {@code format: avro-confluent}: Confluent's wire format, a magic byte 0, the writer schema's id as 4
 * big-endian bytes, then Avro binary. The writer schema comes from the registry by id. The Avro datum
 * becomes a tree: records and maps are objects, a union is its branch's value (no type wrapper), enums
 * and strings text, bytes and fixed base64 text, {@code date} an ISO date, {@code timestamp-millis} and
 * {@code timestamp-micros} ISO-8601 instants, {@code decimal} a number.
 */
public final class AvroConfluentFormat implements RecordFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    public AvroConfluentFormat(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode decode(IngestRecord record) throws IngestDecodeException {
        byte[] value = JsonFormat.requireValue(record);
        if (value.length < 5 || value[0] != 0) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, value.length < 5
                    ? "too short for Confluent's wire format (" + value.length + " bytes)"
                    : "not Confluent's wire format: magic byte " + value[0] + ", expected 0");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        GenericDatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = new GenericDatumReader<>(registry.schema(id));
            readers.putIfAbsent(id, reader);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
            Object datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IngestDecodeException(IngestFailure.UNPARSABLE, "bytes left after the Avro datum of schema id " + id);
            }
            return toTree(datum, reader.getSchema());
        } catch (java.io.IOException | RuntimeException e) {
            // truncated or corrupt Avro binary: EOF, negative lengths, bad union index, huge sizes
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not Avro of schema id " + id + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** An Avro datum of {@code schema} as a Jackson tree. */
    static JsonNode toTree(Object v, Schema schema) {
        if (v == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION:
                return toTree(v, schema.getTypes().get(GenericData.get().resolveUnion(schema, v)));
            case RECORD: {
                GenericRecord r = (GenericRecord) v;
                ObjectNode o = NODES.objectNode();
                for (Schema.Field f : schema.getFields()) {
                    o.set(f.name(), toTree(r.get(f.pos()), f.schema()));
                }
                return o;
            }
            case MAP: {
                ObjectNode o = NODES.objectNode();
                ((Map<?, ?>) v).forEach((k, x) -> o.set(k.toString(), toTree(x, schema.getValueType())));
                return o;
            }
            case ARRAY: {
                ArrayNode a = NODES.arrayNode();
                ((Collection<?>) v).forEach(x -> a.add(toTree(x, schema.getElementType())));
                return a;
            }
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return NODES.textNode(LocalDate.ofEpochDay(((Number) v).intValue()).toString());
                }
                return NODES.numberNode(((Number) v).intValue());
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(Instant.ofEpochMilli(((Number) v).longValue()).toString());
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    long micros = ((Number) v).longValue();
                    return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1000).toString());
                }
                return NODES.numberNode(((Number) v).longValue());
            case FLOAT:
                return NODES.numberNode(((Number) v).floatValue());
            case DOUBLE:
                return NODES.numberNode(((Number) v).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) v);
            case BYTES: {
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return bytesNode(bytes, logical);
            }
            case FIXED:
                return bytesNode(((GenericFixed) v).bytes(), logical);
            case NULL:
                return NODES.nullNode();
            default: // STRING, ENUM
                return NODES.textNode(v.toString());
        }
    }

    private static JsonNode bytesNode(byte[] bytes, LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal d) {
            if (bytes.length == 0) {
                throw new AvroRuntimeException("an empty decimal");
            }
            return NODES.numberNode(new BigDecimal(new BigInteger(bytes), d.getScale()));
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
}

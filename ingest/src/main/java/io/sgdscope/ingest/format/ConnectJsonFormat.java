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
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * {@code format: connect-json}: what Kafka Connect's {@link JsonConverter} wrote, read back by the same
 * converter (with {@code schemas.enable} as configured by {@code schemas:}), so the envelope, its
 * schema and logical types are read exactly as Connect means them. The Connect value becomes a tree:
 * structs and maps are objects, bytes base64 text, Connect {@code Date}/{@code Timestamp}/{@code Time}
 * ISO-8601 text, {@code Decimal} numbers.
 */
public final class ConnectJsonFormat implements RecordFormat {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonConverter converter = new JsonConverter();
    private final boolean schemas;

    public ConnectJsonFormat(boolean schemas) {
        this.schemas = schemas;
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemas),
                JsonConverterConfig.TYPE_CONFIG, ConverterType.VALUE.getName()));
    }

    @Override
    public JsonNode decode(IngestRecord record) throws IngestDecodeException {
        byte[] value = JsonFormat.requireValue(record);
        SchemaAndValue data;
        try {
            data = converter.toConnectData(record.topic(), value);
        } catch (DataException e) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not Connect JSON"
                    + (schemas ? " with a schema envelope" : "") + ": " + rootMessage(e));
        } catch (RuntimeException e) {
            // the converter's own checks may surface as other runtime exceptions on hostile input
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "not Connect JSON: " + rootMessage(e));
        }
        if (data.value() == null) {
            throw new IngestDecodeException(IngestFailure.UNPARSABLE, "the Connect payload is null");
        }
        return toTree(data.value());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** A Connect value (struct, map, list, primitive or logical type) as a Jackson tree. */
    static JsonNode toTree(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Struct s) {
            ObjectNode o = NODES.objectNode();
            for (Field f : s.schema().fields()) {
                o.set(f.name(), toTree(s.get(f)));
            }
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toTree(x)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(toTree(x)));
            return a;
        }
        if (v instanceof byte[] b) {
            return NODES.textNode(Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Date d) {
            return NODES.textNode(d.toInstant().toString());
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return NODES.numberNode(((Number) v).intValue());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        return NODES.textNode(v.toString());
    }
}

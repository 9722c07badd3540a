package io.sgdscope.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;

/** Envelopes written by Kafka Connect's own JsonConverter (fromConnectData), read back by the format. */
class ConnectJsonFormatTest {

    static final Schema USER = SchemaBuilder.struct().name("User")
            .field("age", Schema.OPTIONAL_INT32_SCHEMA).field("country", Schema.STRING_SCHEMA).build();
    static final Schema PAYMENT = SchemaBuilder.struct().name("Payment")
            .field("txn_id", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("user", USER)
            .field("ts", Timestamp.SCHEMA)
            .field("price", Decimal.schema(2))
            .field("blob", Schema.BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();

    static byte[] written(boolean schemas, Schema schema, Object value) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemas)), false);
        return c.fromConnectData("payments", schema, value);
    }

    static Struct payment() {
        return new Struct(PAYMENT).put("txn_id", "t-1").put("amount", 12.5)
                .put("user", new Struct(USER).put("age", 41).put("country", "DE"))
                .put("ts", Date.from(Instant.parse("2026-11-30T10:00:00Z")))
                .put("price", new BigDecimal("9.99"))
                .put("blob", new byte[] {1, 2})
                .put("tags", List.of("x", "y"));
    }

    private static IngestRecord record(byte[] value) {
        return new IngestRecord("payments", 0, 0, 0, null, value);
    }

    @Test
    void theSchemaEnvelopeIsReadByTheConverter() throws Exception {
        byte[] bytes = written(true, PAYMENT, payment());
        assertThat(new String(bytes)).contains("\"schema\"", "\"payload\"");
        JsonNode t = new ConnectJsonFormat(true).decode(record(bytes));
        assertThat(t.at("/txn_id").asText()).isEqualTo("t-1");
        assertThat(t.at("/amount").doubleValue()).isEqualTo(12.5);
        assertThat(t.at("/user/age").intValue()).isEqualTo(41);
        assertThat(t.at("/user/country").asText()).isEqualTo("DE");
        assertThat(t.at("/ts").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(t.at("/price").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(t.at("/blob").asText()).isEqualTo("AQI=");
        assertThat(t.at("/tags/0").asText()).isEqualTo("x");
    }

    @Test
    void withoutSchemasThePayloadIsPlainJson() throws Exception {
        Map<String, Object> value = Map.of("txn_id", "t-2", "amount", 3.0, "user", Map.of("age", 30));
        byte[] bytes = written(false, null, value);
        assertThat(new String(bytes)).doesNotContain("payload");
        JsonNode t = new ConnectJsonFormat(false).decode(record(bytes));
        assertThat(t.at("/txn_id").asText()).isEqualTo("t-2");
        assertThat(t.at("/amount").doubleValue()).isEqualTo(3.0);
        assertThat(t.at("/user/age").intValue()).isEqualTo(30);
    }

    @Test
    void brokenEnvelopesAreUnparsable() {
        ConnectJsonFormat f = new ConnectJsonFormat(true);
        for (String bad : List.of("{\"x\": 1}", "{\"schema\": {\"type\": \"nope\"}, \"payload\": 1}", "{", "null")) {
            assertThatThrownBy(() -> f.decode(record(bad.getBytes())))
                    .as(bad)
                    .isInstanceOf(IngestDecodeException.class)
                    .extracting(e -> ((IngestDecodeException) e).failure()).isEqualTo(IngestFailure.UNPARSABLE);
        }
        assertThatThrownBy(() -> new ConnectJsonFormat(false).decode(record("{oops".getBytes())))
                .isInstanceOf(IngestDecodeException.class);
    }
}

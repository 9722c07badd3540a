package io.sgdscope.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.common.config.Secret;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.RegistrySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Confluent wire-format bytes, written with Avro itself, against a registry on 127.0.0.1. */
class AvroConfluentFormatTest {

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Payment", "namespace": "test", "fields": [
              {"name": "txn_id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "user", "type": {"type": "record", "name": "User", "fields": [
                {"name": "age", "type": ["null", "int"], "default": null},
                {"name": "country", "type": ["null", "string"], "default": null}]}},
              {"name": "channel", "type": {"type": "enum", "name": "Channel", "symbols": ["WEB", "APP", "POS"]}},
              {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "blob", "type": "bytes"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attrs", "type": {"type": "map", "values": "long"}},
              {"name": "is_fraud", "type": "boolean"}]}
            """);

    private final TestRegistry registry = new TestRegistry();

    AvroConfluentFormatTest() throws IOException {
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    static GenericRecord payment(Integer age) {
        GenericRecord user = new GenericData.Record(SCHEMA.getField("user").schema());
        user.put("age", age);
        user.put("country", "DE");
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("txn_id", "t-1");
        r.put("amount", 12.5);
        r.put("user", user);
        r.put("channel", new GenericData.EnumSymbol(SCHEMA.getField("channel").schema(), "APP"));
        r.put("ts", Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        r.put("day", (int) LocalDate.parse("2026-11-30").toEpochDay());
        r.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        r.put("price", ByteBuffer.wrap(new java.math.BigDecimal("123.45").unscaledValue().toByteArray()));
        r.put("tags", List.of("a", "b"));
        r.put("attrs", Map.of("n", 7L));
        r.put("is_fraud", true);
        return r;
    }

    /** Magic byte 0, the schema id big-endian, then the Avro binary datum. */
    static byte[] wire(int schemaId, GenericRecord datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(datum.getSchema()).write(datum, enc);
        enc.flush();
        return out.toByteArray();
    }

    private AvroConfluentFormat format(Duration retryTotal) {
        return new AvroConfluentFormat(new SchemaRegistryClient(
                new RegistrySpec(registry.url(), null, null, Duration.ofSeconds(2), retryTotal)));
    }

    private static IngestRecord record(byte[] value) {
        return new IngestRecord("payments", 0, 1, 2, null, value);
    }

    @Test
    void decodesEveryTypeIntoATree() throws Exception {
        registry.register(7, SCHEMA);
        JsonNode t = format(Duration.ofSeconds(1)).decode(record(wire(7, payment(41))));
        assertThat(t.at("/txn_id").asText()).isEqualTo("t-1");
        assertThat(t.at("/amount").doubleValue()).isEqualTo(12.5);
        assertThat(t.at("/user/age").intValue()).isEqualTo(41);          // a union is its branch's value
        assertThat(t.at("/user/country").asText()).isEqualTo("DE");
        assertThat(t.at("/channel").asText()).isEqualTo("APP");          // enums as strings
        assertThat(t.at("/ts").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(t.at("/day").asText()).isEqualTo("2026-11-30");
        assertThat(t.at("/blob").asText()).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        assertThat(t.at("/price").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(t.at("/tags/1").asText()).isEqualTo("b");
        assertThat(t.at("/attrs/n").longValue()).isEqualTo(7);
        assertThat(t.at("/is_fraud").booleanValue()).isTrue();
        JsonNode nullAge = format(Duration.ofSeconds(1)).decode(record(wire(7, payment(null))));
        assertThat(nullAge.at("/user/age").isNull()).isTrue();
    }

    @Test
    void schemasAreFetchedOncePerId() throws Exception {
        registry.register(7, SCHEMA);
        AvroConfluentFormat f = format(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            f.decode(record(wire(7, payment(i))));
        }
        assertThat(registry.requests.get()).isEqualTo(1);
    }

    private static IngestFailure failure(AvroConfluentFormat f, byte[] bytes) {
        try {
            f.decode(record(bytes));
        } catch (IngestDecodeException e) {
            return e.failure();
        }
        throw new AssertionError("decoded");
    }

    @Test
    void anUnknownSchemaIdIsItsOwnReason() throws Exception {
        assertThatThrownBy(() -> format(Duration.ofSeconds(1)).decode(record(wire(99, payment(1)))))
                .isInstanceOf(IngestDecodeException.class).hasMessageContaining("schema id 99")
                .extracting(e -> ((IngestDecodeException) e).failure()).isEqualTo(IngestFailure.UNKNOWN_SCHEMA_ID);
        assertThat(registry.requests.get()).isEqualTo(1); // a 404 is an answer: no retry
    }

    @Test
    void bytesThatAreNotTheWireFormatAreUnparsable() throws Exception {
        registry.register(7, SCHEMA);
        AvroConfluentFormat f = format(Duration.ofSeconds(1));
        byte[] good = wire(7, payment(1));
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertThat(failure(f, badMagic)).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(failure(f, new byte[] {0, 0, 0})).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(failure(f, java.util.Arrays.copyOf(good, good.length - 3))).isEqualTo(IngestFailure.UNPARSABLE);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 2);
        assertThat(failure(f, longer)).isEqualTo(IngestFailure.UNPARSABLE);
        assertThat(failure(f, "{\"json\": 1}".getBytes())).isEqualTo(IngestFailure.UNPARSABLE);
    }

    @Test
    void aShortOutageIsRiddenOutByRetrying() throws Exception {
        registry.register(7, SCHEMA);
        registry.unavailableFor.set(2);
        JsonNode t = format(Duration.ofSeconds(20)).decode(record(wire(7, payment(3))));
        assertThat(t.at("/user/age").intValue()).isEqualTo(3);
        assertThat(registry.requests.get()).isEqualTo(3);
    }

    @Test
    void aLongOutageIsRegistryUnreachable() throws Exception {
        registry.register(7, SCHEMA);
        registry.unavailableFor.set(1_000_000);
        IngestDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(IngestDecodeException.class,
                () -> format(Duration.ofMillis(250)).decode(record(wire(7, payment(3)))));
        assertThat(e.failure()).isEqualTo(IngestFailure.REGISTRY_UNREACHABLE);
        assertThat(e.getMessage()).contains("HTTP 503");
        assertThat(registry.requests.get()).isGreaterThan(1);
    }

    @Test
    void aRegistryThatIsNotThereIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AvroConfluentFormat f = new AvroConfluentFormat(new SchemaRegistryClient(new RegistrySpec(
                URI.create("http://127.0.0.1:" + port), null, null, Duration.ofSeconds(1), Duration.ofMillis(200))));
        assertThat(failure(f, wire(7, payment(1)))).isEqualTo(IngestFailure.REGISTRY_UNREACHABLE);
    }

    @Test
    void basicAuthIsSentAndNeverShown() throws Exception {
        registry.register(7, SCHEMA);
        String expected = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes());
        registry.requiredAuthorization = expected;
        RegistrySpec spec = new RegistrySpec(registry.url(), "svc", Secret.of("s3cret"), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
        assertThat(spec.toString()).doesNotContain("s3cret");
        new AvroConfluentFormat(new SchemaRegistryClient(spec)).decode(record(wire(7, payment(1))));
        assertThat(registry.lastAuthorization).isEqualTo(expected);
        IngestDecodeException refused = org.junit.jupiter.api.Assertions.assertThrows(IngestDecodeException.class,
                () -> format(Duration.ofSeconds(5)).decode(record(wire(7, payment(1)))));
        assertThat(refused.failure()).isEqualTo(IngestFailure.REGISTRY_UNREACHABLE);
        assertThat(refused.getMessage()).contains("HTTP 401").doesNotContain("s3cret");
    }

    @Test
    void aConfiguredAvroEntryMapsWireBytesToSamples() throws Exception {
        registry.register(7, SCHEMA);
        String yaml = """
                ingest:
                  - from: payments
                    format: avro-confluent
                    registry: {url: "%s", retry-total: 1s}
                    id: /txn_id
                    timestamp: /ts
                    label: {field: /is_fraud, classes: [false, true]}
                    features:
                      - {field: /amount}
                      - {field: /user/age, missing: -1}
                      - {field: /channel, one-hot: [WEB, APP, POS]}
                """.formatted(registry.url());
        io.sgdscope.ingest.CompiledMapping m = io.sgdscope.ingest.CompiledMapping.compile(
                io.sgdscope.ingest.IngestSpecs.parse(io.sgdscope.common.config.RawConfig.fromYaml(
                        new java.io.ByteArrayInputStream(yaml.getBytes()), "t.yaml")).get(0));
        io.sgdscope.ingest.MappingOutcome o = m.map(record(wire(7, payment(null))), io.sgdscope.ingest.VocabularyState.NONE);
        assertThat(o).isEqualTo(new io.sgdscope.ingest.MappingOutcome.Mapped(new io.sgdscope.common.Sample("t-1",
                "payments", Instant.parse("2026-11-30T10:00:00Z").toEpochMilli(), new float[] {12.5f, -1f, 0, 1, 0},
                io.sgdscope.common.Label.ofClass(1), null)));
        io.sgdscope.ingest.MappingOutcome unknown = m.map(record(wire(8, payment(1))), io.sgdscope.ingest.VocabularyState.NONE);
        assertThat(((io.sgdscope.ingest.MappingOutcome.Rejected) unknown).failure()).isEqualTo(IngestFailure.UNKNOWN_SCHEMA_ID);
    }
}

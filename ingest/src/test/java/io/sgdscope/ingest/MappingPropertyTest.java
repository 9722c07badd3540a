package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.common.Sample;
import io.sgdscope.ingest.format.RecordFormats;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes arrive, {@code map} returns one outcome, never an exception; a sample has the fixed dimension. */
class MappingPropertyTest {

    private static final List<String> KEYS = List.of("txn_id", "user", "age", "country", "amount", "channel", "ts",
            "is_fraud", "merchant", "id", "x");

    private static final CompiledMapping SKETCH = Specs.compile(IngestSpecsTest.SKETCH.replace(
            "labels-from: { topic: chargebacks, id: /txn_id, label: { field: /fraud } }", ""));
    private static final CompiledMapping CSV = Specs.compile("""
            ingest:
              - from: payments
                format: csv
                csv: {columns: [id, amount, channel, ts, y]}
                id: /id
                timestamp: /ts
                label: {field: /y, target: true}
                features:
                  - {field: /amount, transform: log, clip: [0, 1e9]}
                  - {field: /channel, one-hot: [web, app]}
                  - {cross: [/channel, /id], hash: {bits: 3}}
            """);
    private static final CompiledMapping CONNECT = Specs.compile("""
            ingest:
              - from: payments
                format: connect-json
                features: [{field: /payload, missing: 1}]
            """);

    private static void oneOutcome(CompiledMapping m, byte[] bytes) {
        MappingOutcome o = m.map(Specs.record(bytes), new InMemoryVocabularyState());
        assertThat(o).isNotNull();
        if (o instanceof MappingOutcome.Mapped mapped) {
            Sample s = mapped.sample();
            assertThat(s.dimension()).isEqualTo(m.dimension());
            for (float f : s.features()) {
                assertThat(Float.isFinite(f)).isTrue();
            }
        } else {
            assertThat(((MappingOutcome.Rejected) o).detail()).isNotNull();
        }
    }

    @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void arbitraryJsonNeverThrows(@ForAll("json") JsonNode tree) {
        byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
        oneOutcome(SKETCH, bytes);
        oneOutcome(CONNECT, bytes);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll byte[] bytes) {
        oneOutcome(SKETCH, bytes);
        oneOutcome(CSV, bytes);
        oneOutcome(CONNECT, bytes);
        oneOutcome(CompiledMapping.compile(SKETCH.spec(), RecordFormats.create(SKETCH.spec().format())), bytes);
    }

    @Property(tries = 300)
    void arbitraryCsvLinesNeverThrow(@ForAll("csv") String line) {
        oneOutcome(CSV, line.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> csv() {
        return Arbitraries.of("", ",", "\"", "web", "app", "1.5", "-3", "1e400", "2026-11-30T10:00:00Z", "x", "\r\n", "\"\"")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return node(3);
    }

    private Arbitrary<JsonNode> node(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(f::textNode),
                Arbitraries.of("web", "app", "pos", "DE", "true", "false", "2026-11-30T10:00:00Z", "-1", "NaN", "1e309")
                        .map(f::textNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of(KEYS), node(depth - 1)).ofMaxSize(6).map(m -> {
            ObjectNode o = f.objectNode();
            m.forEach(o::set);
            return o;
        });
        Arbitrary<JsonNode> array = node(depth - 1).list().ofMaxSize(3).map(l -> {
            ArrayNode a = f.arrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(6, object), net.jqwik.api.Tuple.of(1, array));
    }
}

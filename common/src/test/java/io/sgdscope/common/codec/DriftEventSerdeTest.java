package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DriftEventSerdeTest {

    @Property
    void roundTrips(@ForAll("events") DriftEvent e) {
        var serde = new Topics("").driftTruth().valueSerde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", e))).isEqualTo(e);
    }

    @Provide
    Arbitrary<DriftEvent> events() {
        Arbitrary<float[]> weights = Arbitraries.floats().between(-10, 10).array(float[].class).ofMaxSize(20).injectNull(0.3);
        return Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 4),
                Arbitraries.of(DriftEvent.Kind.class),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(DriftEvent.Transition.class),
                Arbitraries.longs().between(0, 10_000),
                weights).as((s, idx, kind, phase, tr, width, w) ->
                new DriftEvent(s, idx, 1_700_000_000_000L + idx, kind, phase, tr, idx, idx + width, w));
    }

    @Test
    void missingFieldIsNamed() {
        byte[] bad = "{\"stream\":\"s\",\"sampleIndex\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DriftEventSerde.decode(bad)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("timeMs");
    }

    @Test
    void jsonUsesTheDocumentedFieldNames() {
        String json = new String(DriftEventSerde.encode(new DriftEvent("s", 5, 6, DriftEvent.Kind.START, 0,
                DriftEvent.Transition.ABRUPT, 5, 5, null)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"stream\":\"s\",\"sampleIndex\":5,\"timeMs\":6,\"kind\":\"START\",\"phase\":0,"
                + "\"transition\":\"ABRUPT\",\"gradualStartIndex\":5,\"gradualEndIndex\":5}");
    }
}

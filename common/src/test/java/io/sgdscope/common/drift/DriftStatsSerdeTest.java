package io.sgdscope.common.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftStatsSerdeTest {

    private final DriftStats stats = new DriftStats("teacher", 60_000, 120_000, 1234, false, 0,
            new double[] {0.5, -1.25}, new double[] {1.0, 4.0}, Map.of("0", 600L, "1", 634L), 0.0123,
            new double[] {0.01, 0.4}, new double[] {0.02, 0.3}, 0.205,
            List.of(new DriftStats.FeatureShift(1, 0.4, 0.3), new DriftStats.FeatureShift(0, 0.01, 0.02)));

    @Test
    void roundTripsThroughJson() {
        assertThat(DriftStatsSerde.decode(DriftStatsSerde.encode(stats))).isEqualTo(stats);
        var serde = DriftStatsSerde.serde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", stats))).isEqualTo(stats);
    }

    @Test
    void fieldNamesAreTheDocumentedSchema() {
        String json = new String(DriftStatsSerde.encode(stats), StandardCharsets.UTF_8);
        assertThat(json).contains("\"stream\":\"teacher\"", "\"windowStartMs\":60000", "\"windowEndMs\":120000",
                "\"count\":1234", "\"labelPsi\":0.0123", "\"featureKs\":[0.02,0.3]", "\"shiftScore\":0.205",
                "\"topFeatures\":[{\"feature\":1,\"psi\":0.4,\"ks\":0.3}");
    }
}

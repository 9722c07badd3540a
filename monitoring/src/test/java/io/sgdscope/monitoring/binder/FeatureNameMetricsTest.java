package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MultiGauge;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.ingest.FeatureTable;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.streams.drift.DriftBoard;
import io.sgdscope.streams.ingest.FeatureCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureNameMetricsTest {

    private static DriftStats window(String stream, int... topFeatures) {
        List<DriftStats.FeatureShift> top = new java.util.ArrayList<>();
        for (int i = 0; i < topFeatures.length; i++) {
            top.add(new DriftStats.FeatureShift(topFeatures[i], 1.0 / (i + 1), 0.1));
        }
        return new DriftStats(stream, 0, 60_000, 100, false, 0, new double[3], new double[3], Map.of(), 0,
                new double[3], new double[3], 0.5, top);
    }

    @Test
    void eachRankOfAnIngestedStreamIsNamedFromItsFeatureTable() {
        FeatureCatalog catalog = new FeatureCatalog();
        catalog.put("payments", new FeatureTable("payments", "payments", List.of(
                new FeatureTable.Feature(0, "amount", "/amount", "numeric"),
                new FeatureTable.Feature(1, "channel=web", "/channel", "one-hot"),
                new FeatureTable.Feature(2, "channel=app", "/channel", "one-hot"))).toJson());
        DriftBoard board = new DriftBoard(10);
        board.publish(window("payments", 2, 0));
        board.publish(window("own-samples", 1)); // not ingested: no table, no names
        FeatureNameMetrics metrics = new FeatureNameMetrics(board, 2, catalog, Duration.ofHours(1));
        List<MultiGauge.Row<?>> rows = metrics.rows();
        assertThat(rows).hasSize(2);
        // the rows carry their tags; read them through a registry
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        MultiGauge.builder(MeterNames.STREAMS_DRIFT_TOP_FEATURE_INFO).register(registry).register(rows);
        assertThat(registry.find(MeterNames.STREAMS_DRIFT_TOP_FEATURE_INFO).gauges())
                .extracting(g -> g.getId().getTag(MeterNames.TAG_RANK) + ":" + g.getId().getTag(MeterNames.TAG_FEATURE_NAME))
                .containsExactlyInAnyOrder("1:channel=app", "2:amount");

        board.publish(window("payments", 1)); // a later window: rank 1 is another feature, rank 2 is empty
        assertThat(metrics.rows()).hasSize(1);
    }
}

package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.streams.drift.DriftBoard;
import io.sgdscope.streams.join.JoinStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The join and drift meters as the Prometheus registry exposes them. */
class StreamsAppMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void labelDelayIsAHistogramInSecondsAndMissesAreCounted() {
        JoinStats stats = new JoinStats();
        new LabelJoinMetrics(stats).bindTo(registry);
        stats.recordJoined(500);
        stats.recordJoined(30_000);
        stats.recordJoined(-5); // a label before its sample counts as no delay
        stats.recordMiss();

        String text = registry.scrape();
        assertThat(text).contains("sgdscope_streams_label_delay_seconds_count 3");
        assertThat(text).contains("sgdscope_streams_label_delay_seconds_sum 30.5");
        assertThat(text).contains("sgdscope_streams_label_delay_seconds_bucket{le=\"1.0\"} 2");
        assertThat(text).contains("sgdscope_streams_label_delay_seconds_bucket{le=\"60.0\"} 3");
        assertThat(text).contains("sgdscope_streams_join_misses_total 1.0");
        assertThat(text).contains("sgdscope_streams_join_joined_total 3.0");
    }

    @Test
    void driftGaugesUseStreamAndRankTagsOnly() {
        DriftBoard board = new DriftBoard(1);
        new DriftMetrics(board, 2).bindTo(registry);
        board.publish(stats("teacher", 0.7, List.of(new DriftStats.FeatureShift(17, 1.5, 0.4), new DriftStats.FeatureShift(3, 0.2, 0.1))));
        board.publish(stats("second-stream", 9, List.of())); // over max-streams: no gauges

        String text = registry.scrape();
        assertThat(text).contains("sgdscope_streams_drift_label_psi{stream=\"teacher\"} 0.7");
        assertThat(text).contains("sgdscope_streams_drift_shift_score{stream=\"teacher\"} 0.85");
        assertThat(text).contains("sgdscope_streams_drift_top_feature_psi{rank=\"1\",stream=\"teacher\"} 1.5");
        assertThat(text).contains("sgdscope_streams_drift_top_feature_index{rank=\"1\",stream=\"teacher\"} 17.0");
        assertThat(text).contains("sgdscope_streams_drift_top_feature_index{rank=\"2\",stream=\"teacher\"} 3.0");
        assertThat(text).contains("sgdscope_streams_drift_windows_total 2.0");
        assertThat(text).doesNotContain("second-stream");
    }

    private static DriftStats stats(String stream, double labelPsi, List<DriftStats.FeatureShift> top) {
        return new DriftStats(stream, 0, 60_000, 10, false, 0, new double[] {0, 0}, new double[] {1, 1}, Map.of("0", 10L),
                labelPsi, new double[] {1.5, 0.2}, new double[] {0.4, 0.1}, 0.85, top);
    }
}

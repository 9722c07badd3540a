package io.sgdscope.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

    private static final SeriesKey A = new SeriesKey("sgdscope_a_total", new TreeMap<>(Map.of("model", "sgd")));
    private static final SeriesKey B = new SeriesKey("sgdscope_b", new TreeMap<>());

    private static List<Long> times(MetricHistory.Series s) {
        return s.points().stream().map(MetricHistory.Point::timeMs).toList();
    }

    @Test
    void keepsOnlyTheNewestPointsOfASeries() {
        MetricHistory h = new MetricHistory(3, 10);
        for (long t = 1; t <= 7; t++) {
            h.record(A, t * 1000, t);
        }
        List<MetricHistory.Series> all = h.since(0);
        assertThat(all).hasSize(1);
        assertThat(times(all.get(0))).containsExactly(5000L, 6000L, 7000L);
        assertThat(all.get(0).last().value()).isEqualTo(7.0);
    }

    @Test
    void boundsTheSeriesCountAndCountsWhatItDrops() {
        MetricHistory h = new MetricHistory(5, 1);
        h.record(A, 1000, 1);
        h.record(B, 1000, 2);
        h.record(B, 2000, 3);
        assertThat(h.seriesCount()).isEqualTo(1);
        assertThat(h.droppedPoints()).isEqualTo(2);
        assertThat(h.since(0)).extracting(s -> s.key()).containsExactly(A);
    }

    @Test
    void sinceIsExclusiveAndLeavesOutSeriesWithNothingNew() {
        MetricHistory h = new MetricHistory(10, 10);
        h.record(A, 1000, 1);
        h.record(A, 2000, 2);
        h.record(B, 1000, 5);
        List<MetricHistory.Series> later = h.since(1000);
        assertThat(later).hasSize(1);
        assertThat(later.get(0).key()).isEqualTo(A);
        assertThat(times(later.get(0))).containsExactly(2000L);
    }

    @Test
    void timeOnlyMovesForward() {
        MetricHistory h = new MetricHistory(10, 10);
        h.record(A, 2000, 2);
        h.record(A, 2000, 9);
        h.record(A, 1000, 1);
        assertThat(h.select(A.name(), Map.of()).get(0).points()).containsExactly(new MetricHistory.Point(2000, 2));
    }

    @Test
    void selectMatchesNameAndTagSubset() {
        MetricHistory h = new MetricHistory(10, 10);
        SeriesKey other = new SeriesKey("sgdscope_a_total", new TreeMap<>(Map.of("model", "sam")));
        h.record(A, 1000, 1);
        h.record(other, 1000, 1);
        assertThat(h.select("sgdscope_a_total", Map.of())).hasSize(2);
        assertThat(h.select("sgdscope_a_total", Map.of("model", "sam"))).extracting(s -> s.key()).containsExactly(other);
        assertThat(h.select("sgdscope_a_total", Map.of("model", "x"))).isEmpty();
    }

    @Test
    void recordsTheSpanOfSamplingRounds() {
        MetricHistory h = new MetricHistory(10, 10);
        assertThat(h.firstTimeMs()).isEqualTo(Long.MIN_VALUE);
        h.sampled(1000);
        h.sampled(3000);
        assertThat(h.firstTimeMs()).isEqualTo(1000);
        assertThat(h.lastTimeMs()).isEqualTo(3000);
    }

    @Test
    void seriesIdIsTheExpositionFormWithEscapedValues() {
        assertThat(new SeriesKey("m", new TreeMap<>(Map.of("b", "2", "a", "say \"hi\""))).id()).isEqualTo("m{a=\"say \\\"hi\\\"\",b=\"2\"}");
        assertThat(B.id()).isEqualTo("sgdscope_b");
    }

    @Test
    void rejectsUselessBounds() {
        assertThatThrownBy(() -> new MetricHistory(1, 10)).hasMessageContaining("pointsPerSeries");
        assertThatThrownBy(() -> new MetricHistory(10, 0)).hasMessageContaining("maxSeries");
        assertThatThrownBy(() -> new DashboardConfig(java.time.Duration.ofMillis(1), 10, 10)).hasMessageContaining("interval");
    }
}

package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.producers.ProducerStats;
import org.junit.jupiter.api.Test;

/** The scenario phase and truth-event count as Prometheus shows them. */
class ProducerPhaseMetricsTest {

    @Test
    void phaseGaugeFollowsTheProducerAndTruthEventsAreCounted() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerStats stats = new ProducerStats();
        new ProducerMetrics("sea", stats).bindTo(registry);
        assertThat(registry.scrape()).contains("sgdscope_producer_phase{stream=\"sea\"} 0.0");
        stats.phase(3);
        stats.recordTruthEvent();
        stats.recordTruthEvent();
        String text = registry.scrape();
        assertThat(text).contains("sgdscope_producer_phase{stream=\"sea\"} 3.0");
        assertThat(text).contains("# TYPE sgdscope_producer_phase gauge");
        assertThat(text).contains("sgdscope_producer_truth_events_total{stream=\"sea\"} 2.0");
    }
}

package io.sgdscope.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.monitoring.MeterNames;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistrySamplerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong clock = new AtomicLong(1_000);
    private final MetricHistory history = new MetricHistory(600, 100);
    private final RegistrySampler sampler = new RegistrySampler(registry, history, clock::get);

    private Map<String, Double> latest() {
        return history.since(Long.MIN_VALUE).stream()
                .collect(Collectors.toMap(s -> s.key().id(), s -> s.last().value()));
    }

    @Test
    void samplesSgdscopeCountersAndGaugesUnderTheirExpositionNames() {
        Counter dlq = Counter.builder(MeterNames.STREAMS_DLQ).tag(MeterNames.TAG_REASON, "non_finite").register(registry);
        dlq.increment(3);
        AtomicLong trained = new AtomicLong(40);
        FunctionCounter.builder(MeterNames.TRAINER_SAMPLES, trained, AtomicLong::get)
                .tags(MeterNames.TAG_MODEL, "sgd", MeterNames.TAG_STREAM, "s").register(registry);
        Gauge.builder(MeterNames.TRAINER_CONSUMER_LAG, () -> 12).baseUnit("records").register(registry);
        Gauge.builder(MeterNames.MODEL_EOS_RATIO, () -> Double.NaN).register(registry);
        Timer.builder(MeterNames.STREAMS_LABEL_DELAY).register(registry).record(Duration.ofMillis(5));
        Counter.builder("jvm.something").register(registry).increment();

        sampler.sampleOnce();

        Map<String, Double> values = latest();
        assertThat(values).containsOnlyKeys(
                "sgdscope_streams_dlq_total{reason=\"non_finite\"}",
                "sgdscope_trainer_samples_total{model=\"sgd\",stream=\"s\"}",
                "sgdscope_trainer_consumer_lag_records");
        assertThat(values).containsEntry("sgdscope_streams_dlq_total{reason=\"non_finite\"}", 3.0)
                .containsEntry("sgdscope_trainer_samples_total{model=\"sgd\",stream=\"s\"}", 40.0)
                .containsEntry("sgdscope_trainer_consumer_lag_records", 12.0);
        // the names are those /metrics shows, value for value
        String scrape = registry.scrape();
        values.forEach((id, v) -> assertThat(scrape).contains(id + " " + v));
        assertThat(history.lastTimeMs()).isEqualTo(1_000);
    }

    @Test
    void aTimerWithPercentilesIsSampledAsItsP50AndP99TaggedQuantile() {
        Timer t = Timer.builder(MeterNames.TRAINER_TRAIN_LATENCY).tags(MeterNames.TAG_MODEL, "sgd")
                .publishPercentiles(0.5, 0.99).percentilePrecision(2).register(registry);
        sampler.sampleOnce();
        assertThat(latest()).as("nothing before the first record").isEmpty();
        for (int ms = 1; ms <= 100; ms++) {
            t.record(Duration.ofMillis(ms));
        }
        sampler.sampleOnce();
        Map<String, Double> values = latest();
        assertThat(values).containsOnlyKeys("sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.5\"}",
                "sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.99\"}");
        // 1..100 ms: the median is 50 ms and the 99th percentile 99 ms, within the histogram's 2 significant digits
        assertThat(values.get("sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.5\"}"))
                .isCloseTo(0.050, org.assertj.core.data.Offset.offset(0.002));
        assertThat(values.get("sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.99\"}"))
                .isCloseTo(0.099, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void eachRoundAddsAPointAtTheClocksTime() {
        AtomicLong trained = new AtomicLong();
        FunctionCounter.builder(MeterNames.TRAINER_SAMPLES, trained, AtomicLong::get).register(registry);
        for (int i = 0; i < 3; i++) {
            trained.addAndGet(10);
            sampler.sampleOnce();
            clock.addAndGet(1_000);
        }
        MetricHistory.Series s = history.since(0).get(0);
        assertThat(s.points()).containsExactly(new MetricHistory.Point(1_000, 10), new MetricHistory.Point(2_000, 20),
                new MetricHistory.Point(3_000, 30));
    }

    private int points() {
        return history.since(0).stream().mapToInt(s -> s.points().size()).sum();
    }

    @Test
    void theScheduledSamplerRunsUntilClosed() {
        AtomicLong trained = new AtomicLong(5);
        FunctionCounter.builder(MeterNames.TRAINER_SAMPLES, trained, AtomicLong::get).register(registry);
        RegistrySampler running = new RegistrySampler(registry, history, System::currentTimeMillis);
        running.start(new DashboardConfig(Duration.ofMillis(20), 600, 100));
        await().atMost(Duration.ofSeconds(10)).until(() -> points() >= 3);
        running.close();
        int stopped = points();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> points() == stopped);
    }

    @Test
    void seriesNamesUsedByTheAlertsAreTheExposedOnes() {
        assertThat(SeriesNames.TRAINER_SAMPLES).isEqualTo("sgdscope_trainer_samples_total");
        assertThat(SeriesNames.TRAINER_CONSUMER_LAG).isEqualTo("sgdscope_trainer_consumer_lag_records");
        assertThat(SeriesNames.MODEL_EOS_RATIO).isEqualTo("sgdscope_model_eos_ratio");
        assertThat(SeriesNames.DRIFT_DETECTIONS).isEqualTo("sgdscope_drift_detections_total");
    }
}

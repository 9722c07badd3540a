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
    void aBucketedTimerIsSampledAsTheP50AndP99OfWhatEachIntervalAdded() {
        Timer t = Timer.builder(MeterNames.TRAINER_TRAIN_LATENCY).tags(MeterNames.TAG_MODEL, "sgd")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(100))
                .register(registry);
        t.record(Duration.ofMillis(90)); // before the first round: not in any interval charted
        sampler.sampleOnce();
        assertThat(latest()).as("nothing to difference on the first round").isEmpty();
        for (int i = 0; i < 50; i++) {
            t.record(Duration.ofMillis(5));   // bucket (0, 10 ms]
        }
        for (int i = 0; i < 50; i++) {
            t.record(Duration.ofMillis(15));  // bucket (10, 20 ms]
        }
        sampler.sampleOnce();
        String p50 = "sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.5\"}";
        String p99 = "sgdscope_trainer_train_latency_seconds{model=\"sgd\",quantile=\"0.99\"}";
        Map<String, Double> values = latest();
        assertThat(values).containsOnlyKeys(p50, p99);
        // rank 50 of 100 ends the first bucket; rank 99 is 49/50 of the way through the second
        assertThat(values.get(p50)).isCloseTo(0.010, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(values.get(p99)).isCloseTo(0.010 + 0.010 * 49 / 50, org.assertj.core.data.Offset.offset(1e-9));
        clock.addAndGet(1_000);
        sampler.sampleOnce();
        assertThat(history.since(0).get(0).points()).as("an interval with nothing recorded adds no point").hasSize(1);
    }

    @Test
    void quantilesFollowPrometheusHistogramQuantile() {
        double[] upper = {0.01, 0.02, 0.1};
        assertThat(RegistrySampler.quantile(0.5, upper, new double[] {0, 0, 0})).isNaN();
        assertThat(RegistrySampler.quantile(0.5, upper, new double[] {4, 4, 4})).isCloseTo(0.005,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RegistrySampler.quantile(0.75, upper, new double[] {0, 2, 4})).isCloseTo(0.02 + 0.08 * 0.5,
                org.assertj.core.data.Offset.offset(1e-12));
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

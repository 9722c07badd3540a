package io.sgdscope.monitoring.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.sgdscope.monitoring.MeterNames;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registry's {@code sgdscope.*} counters and gauges into a {@link MetricHistory}, under
 * the names {@code /metrics} shows ({@code sgdscope_trainer_samples_total}). Timers with
 * client-side percentiles are sampled as their p50 and p99 (see {@link #recordPercentiles}); other
 * timers and histograms are left to Prometheus; a NaN gauge (nothing measured yet) records no point.
 */
public final class RegistrySampler implements AutoCloseable {

    /** Only sgdscope's own meters; JVM, process and Kafka meters are Prometheus's business. */
    private static final String PREFIX = "sgdscope.";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySampler.class);
    private static final NamingConvention PROMETHEUS = new PrometheusNamingConvention();

    private final MeterRegistry registry;
    private final MetricHistory history;
    private final LongSupplier clockMs;
    private ScheduledExecutorService executor;

    public RegistrySampler(MeterRegistry registry, MetricHistory history, LongSupplier clockMs) {
        this.registry = registry;
        this.history = history;
        this.clockMs = clockMs;
    }

    /** Samples now and then every {@code config.interval()} on a daemon thread, until closed. */
    public synchronized RegistrySampler start(DashboardConfig config) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgdscope-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
        long ms = config.interval().toMillis();
        executor.scheduleAtFixedRate(this::sampleSafely, 0, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    private void sampleSafely() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // a failing gauge must not end the sampling (a scheduled task that throws is never run again)
            LOG.warn("dashboard sampling failed: {}", e.toString());
        }
    }

    /** One sampling round at the clock's current time. */
    public void sampleOnce() {
        long now = clockMs.getAsLong();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!id.getName().startsWith(PREFIX)) {
                continue;
            }
            if (meter instanceof Timer t) {
                recordPercentiles(t, now);
                continue;
            }
            double value = valueOf(meter);
            if (Double.isNaN(value)) {
                continue;
            }
            history.record(keyOf(id), now, value);
        }
        history.sampled(now);
    }

    /**
     * A timer that publishes client-side percentiles (the latency timers: p50 and p99 over the last
     * minute) is charted as one series per percentile, tagged {@code quantile}. Prometheus gets its
     * buckets instead, and computes quantiles with {@code histogram_quantile}. Nothing before the
     * first record.
     */
    private void recordPercentiles(Timer timer, long now) {
        HistogramSnapshot snapshot = timer.takeSnapshot();
        if (snapshot.count() == 0) {
            return;
        }
        SeriesKey base = keyOf(timer.getId());
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            TreeMap<String, String> tags = new TreeMap<>(base.tags());
            tags.put(PROMETHEUS.tagKey(MeterNames.TAG_QUANTILE), Double.toString(p.percentile()));
            history.record(new SeriesKey(base.name(), tags), now, p.value(TimeUnit.SECONDS));
        }
    }

    /** The counter's count or the gauge's value; NaN for meters the dashboard does not chart. */
    static double valueOf(Meter meter) {
        if (meter instanceof Counter c) {
            return c.count();
        }
        if (meter instanceof FunctionCounter c) {
            return c.count();
        }
        if (meter instanceof TimeGauge g) {
            return g.value(TimeUnit.SECONDS);
        }
        if (meter instanceof Gauge g) {
            return g.value();
        }
        return Double.NaN;
    }

    /** The series as Prometheus exposes it: convention name, base unit, and {@code _total} for counters. */
    public static SeriesKey keyOf(Meter.Id id) {
        String name = id.getConventionName(PROMETHEUS);
        if (id.getType() == Meter.Type.COUNTER && !name.endsWith("_total")) {
            name = name + "_total";
        }
        TreeMap<String, String> tags = new TreeMap<>();
        for (Tag t : id.getTagsAsIterable()) {
            tags.put(PROMETHEUS.tagKey(t.getKey()), t.getValue());
        }
        return new SeriesKey(name, tags);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.sgdscope.monitoring.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.sgdscope.monitoring.MeterNames;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registry's {@code sgdscope.*} counters and gauges into a {@link MetricHistory}, under
 * the names {@code /metrics} shows ({@code sgdscope_trainer_samples_total}). Timers with buckets
 * are sampled as their p50 and p99 over the last interval (see {@link #recordQuantiles}); other
 * timers and histograms are left to Prometheus; a NaN gauge (nothing measured yet) records no point.
 */
public final class RegistrySampler implements AutoCloseable {

    /** Only sgdscope's own meters; JVM, process and Kafka meters are Prometheus's business. */
    private static final String PREFIX = "sgdscope.";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySampler.class);
    private static final NamingConvention PROMETHEUS = new PrometheusNamingConvention();

    /** The quantiles a bucketed timer is charted as. */
    private static final double[] DASHBOARD_QUANTILES = {0.5, 0.99};

    private final MeterRegistry registry;
    private final MetricHistory history;
    /** Each bucketed timer's counts at the previous round, to chart what the last interval added. */
    private final Map<Meter.Id, CountAtBucket[]> previousBuckets = new ConcurrentHashMap<>();
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
                recordQuantiles(t, now);
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
     * A timer with buckets (the latency histograms) is charted as its p50 and p99 over the last
     * sampling interval, tagged {@code quantile}: computed from the growth of its cumulative bucket
     * counts since the previous round, interpolating linearly inside a bucket, as Prometheus's
     * {@code histogram_quantile(q, rate(..._bucket[interval]))} would. No point on the first round,
     * nor in a round in which nothing was recorded.
     */
    private void recordQuantiles(Timer timer, long now) {
        CountAtBucket[] counts = timer.takeSnapshot().histogramCounts();
        if (counts.length == 0) {
            return;
        }
        CountAtBucket[] before = previousBuckets.put(timer.getId(), counts);
        if (before == null || before.length != counts.length) {
            return;
        }
        double[] upper = new double[counts.length];
        double[] cumulative = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            upper[i] = counts[i].bucket(TimeUnit.SECONDS);
            cumulative[i] = counts[i].count() - before[i].count();
        }
        SeriesKey base = keyOf(timer.getId());
        for (double q : DASHBOARD_QUANTILES) {
            double v = quantile(q, upper, cumulative);
            if (!Double.isNaN(v)) {
                TreeMap<String, String> tags = new TreeMap<>(base.tags());
                tags.put(PROMETHEUS.tagKey(MeterNames.TAG_QUANTILE), Double.toString(q));
                history.record(new SeriesKey(base.name(), tags), now, v);
            }
        }
    }

    /**
     * The q-quantile of a histogram given by cumulative counts at or below each upper bound:
     * Prometheus's {@code histogram_quantile}, linear within a bucket from the previous bound (0 for
     * the first). Past the last bound it is that bound. NaN if the histogram is empty.
     */
    static double quantile(double q, double[] upper, double[] cumulative) {
        int last = cumulative.length - 1;
        double total = cumulative[last];
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i <= last; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : upper[i - 1];
                double below = i == 0 ? 0 : cumulative[i - 1];
                double inBucket = cumulative[i] - below;
                return inBucket <= 0 ? upper[i] : lower + (upper[i] - lower) * (rank - below) / inBucket;
            }
        }
        return upper[last];
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

package io.sgdscope.launcher.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.monitoring.http.MetricsHttpServer;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What every long-running command shares: a service group, a metrics registry served over HTTP,
 * and the wait for Ctrl-C, SIGTERM, a failed part or the end of {@code --duration}.
 */
public final class Session implements AutoCloseable {

    private final ShutdownSignal signal;
    private final ServiceGroup group;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrintWriter out;
    /** The spectra API of the server this session serves, once it serves one. */
    private volatile io.sgdscope.monitoring.http.SpectraApi spectra;

    public Session(ShutdownSignal signal, PrintWriter out) {
        this.signal = signal;
        this.group = new ServiceGroup(signal);
        this.out = out;
        group.add("metrics registry", registry::close);
        bindProcessMetrics();
    }

    /** The usual JVM and process meters, so a dashboard can tell GC pauses from training trouble. */
    private void bindProcessMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        group.add("gc metrics", new JvmGcMetrics()).bindTo(registry);
        Gauge.builder(MeterNames.BUILD_INFO, () -> 1)
                .description("The running sgdscope build")
                .tag(MeterNames.TAG_VERSION, version())
                .register(registry);
    }

    /** From the fat jar's manifest; running from classes (tests, IDE) has none. */
    public static String version() {
        String v = Session.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    public ServiceGroup group() {
        return group;
    }

    public MetricsHttpServer serveMetrics(HttpConfig http) {
        MetricsHttpServer server = group.add("http", MetricsHttpServer.start(http, registry));
        spectra = server.spectra();
        out.println("metrics:   " + server.baseUrl() + "/metrics");
        out.println("health:    " + server.baseUrl() + "/healthz");
        return server;
    }

    /** {@link #serveMetrics} plus the live dashboard at {@code /}, fed from this session's registry. */
    public MetricsHttpServer serveDashboard(HttpConfig http) {
        MetricsHttpServer server = group.add("http", MetricsHttpServer.startWithDashboard(http, registry));
        spectra = server.spectra();
        out.println("dashboard: " + server.baseUrl() + "/");
        out.println("metrics:   " + server.baseUrl() + "/metrics");
        out.println("health:    " + server.baseUrl() + "/healthz");
        return server;
    }

    public PipelineParts parts(KafkaClientConfig kafka, Topics topics) {
        return new PipelineParts(kafka, topics, registry, group, model -> {
            var api = spectra;
            if (api != null) {
                api.add(model);
            }
        });
    }

    /** Blocks until shutdown; returns the exit code: 0, or 1 if a part failed. */
    public int awaitShutdown(Duration duration) throws InterruptedException {
        out.println(duration == null ? "running; press Ctrl-C to stop" : "running for " + duration.toSeconds() + " s");
        out.flush();
        signal.await(duration);
        return group.failure() == null ? 0 : 1;
    }

    @Override
    public void close() {
        long start = System.nanoTime();
        try {
            group.close();
            out.printf("stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
            out.flush();
        } finally {
            signal.closed();
        }
    }
}

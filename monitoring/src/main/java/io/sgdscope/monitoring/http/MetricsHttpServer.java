package io.sgdscope.monitoring.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.sgdscope.monitoring.dashboard.Dashboard;
import io.sgdscope.monitoring.dashboard.DashboardConfig;
import io.sgdscope.monitoring.dashboard.LiveAlertRules;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code /metrics} (Prometheus text, from the Prometheus client's own handler),
 * {@code /healthz}, the layer spectra at {@value SpectraApi#PATH} and a small index page, or,
 * started with a {@link Dashboard}, the live dashboard at {@code /} and its data at
 * {@value Dashboard#HISTORY_PATH}.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Dashboard dashboard;
    private final SpectraApi spectra;

    private MetricsHttpServer(HttpServer server, ExecutorService executor, Dashboard dashboard, SpectraApi spectra) {
        this.server = server;
        this.executor = executor;
        this.dashboard = dashboard;
        this.spectra = spectra;
    }

    public static MetricsHttpServer start(HttpConfig config, PrometheusMeterRegistry registry) {
        return start(config, registry, null);
    }

    /**
     * Also serves the live dashboard, sampling {@code registry} every second into a ten-minute
     * history; the sampling stops when the server closes.
     */
    public static MetricsHttpServer startWithDashboard(HttpConfig config, PrometheusMeterRegistry registry) {
        return start(config, registry,
                new Dashboard(registry, DashboardConfig.DEFAULT, LiveAlertRules.DEFAULT, System::currentTimeMillis));
    }

    /** {@code dashboard}, if not null, is started here and closed with the server. */
    public static MetricsHttpServer start(HttpConfig config, PrometheusMeterRegistry registry, Dashboard dashboard) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port()
                    + " (" + e.getMessage() + "); choose another with --http-port", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sgdscope-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry.getPrometheusRegistry()));
        server.createContext("/healthz", ex -> respond(ex, 200, "text/plain; charset=utf-8", "ok\n"));
        SpectraApi spectra = new SpectraApi();
        server.createContext(SpectraApi.PATH, spectra::handle);
        if (dashboard != null) {
            dashboard.register(server);
            dashboard.start();
            server.start();
            return new MetricsHttpServer(server, executor, dashboard, spectra);
        }
        server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                respond(ex, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            respond(ex, 200, "text/html; charset=utf-8", """
                    <!doctype html><title>sgdscope</title>
                    <h1>sgdscope</h1>
                    <ul><li><a href="/metrics">/metrics</a> (Prometheus)</li><li><a href="/healthz">/healthz</a></li>
                    <li><a href="/api/spectra">/api/spectra</a> (layer spectra, JSON)</li></ul>
                    """);
        });
        server.start();
        return new MetricsHttpServer(server, executor, null, spectra);
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@value SpectraApi#PATH}: hand it each trained model as it appears. */
    public SpectraApi spectra() {
        return spectra;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}

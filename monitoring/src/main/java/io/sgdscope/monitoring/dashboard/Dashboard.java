package io.sgdscope.monitoring.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The built-in live dashboard: a {@link RegistrySampler} fills a {@link MetricHistory} every
 * second, {@value #HISTORY_PATH} serves it as JSON with the {@link LiveAlerts}, and {@code /}
 * serves a page that charts it in SVG with its own small script. Every asset comes from the
 * classpath; the page loads nothing from the internet.
 */
public final class Dashboard implements AutoCloseable {

    public static final String HISTORY_PATH = "/api/history";
    /** Query parameter of {@value #HISTORY_PATH}: only points after this time (unix ms). */
    public static final String SINCE = "since";

    private static final String RESOURCES = "/io/sgdscope/monitoring/dashboard/";
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", Asset.load("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", Asset.load("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", Asset.load("dashboard.css", "text/css; charset=utf-8"));
    private static final JsonFactory JSON = new JsonFactory();

    private final DashboardConfig config;
    private final MetricHistory history;
    private final RegistrySampler sampler;
    private final LiveAlerts alerts;

    public Dashboard(MeterRegistry registry, DashboardConfig config, LiveAlertRules rules, LongSupplier clockMs) {
        this.config = config;
        this.history = new MetricHistory(config.pointsPerSeries(), config.maxSeries());
        this.sampler = new RegistrySampler(registry, history, clockMs);
        this.alerts = new LiveAlerts(rules);
    }

    /** Starts sampling every {@code config.interval()}. */
    public Dashboard start() {
        sampler.start(config);
        return this;
    }

    /** Registers the page, its assets and {@value #HISTORY_PATH} on {@code server}; unknown paths get 404. */
    public void register(HttpServer server) {
        server.createContext(HISTORY_PATH, this::history);
        server.createContext("/", ex -> {
            Asset asset = ASSETS.get(ex.getRequestURI().getPath());
            if (asset == null) {
                respond(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else {
                respond(ex, 200, asset.contentType(), asset.bytes());
            }
        });
    }

    private void history(HttpExchange ex) throws IOException {
        long since;
        try {
            since = since(ex.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            respond(ex, 400, "text/plain; charset=utf-8", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(ex, 200, "application/json", historyJson(since));
    }

    /** The {@value #SINCE} parameter of a query string; 0 (everything) when absent. */
    static long since(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 0;
        }
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(SINCE)) {
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "query parameter '" + SINCE + "' must be a time in unix milliseconds, got '" + value + "'");
                }
            }
        }
        return 0;
    }

    /**
     * The history after {@code sinceMs} and the current alerts, as JSON: {@code now},
     * {@code intervalMs}, {@code pointsPerSeries}, {@code seriesCount}, {@code droppedPoints},
     * {@code series} (each {@code id}, {@code name}, {@code tags}, times {@code t} and values {@code v})
     * and {@code alerts} (each {@code alert}, {@code severity}, {@code condition}, {@code firing}).
     */
    private byte[] historyJson(long sinceMs) {
        List<MetricHistory.Series> series = history.since(sinceMs);
        List<LiveAlerts.Status> statuses = alerts.evaluate(history);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("now", history.lastTimeMs() == Long.MIN_VALUE ? 0 : history.lastTimeMs());
            g.writeNumberField("intervalMs", config.interval().toMillis());
            g.writeNumberField("pointsPerSeries", config.pointsPerSeries());
            g.writeNumberField("seriesCount", history.seriesCount());
            g.writeNumberField("droppedPoints", history.droppedPoints());
            g.writeArrayFieldStart("series");
            for (MetricHistory.Series s : series) {
                g.writeStartObject();
                g.writeStringField("id", s.key().id());
                g.writeStringField("name", s.key().name());
                writeMap(g, "tags", s.key().tags());
                g.writeArrayFieldStart("t");
                for (MetricHistory.Point p : s.points()) {
                    g.writeNumber(p.timeMs());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("v");
                for (MetricHistory.Point p : s.points()) {
                    if (Double.isFinite(p.value())) {
                        g.writeNumber(p.value());
                    } else {
                        g.writeNull(); // JSON has no infinities
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("alerts");
            for (LiveAlerts.Status st : statuses) {
                g.writeStartObject();
                g.writeStringField("alert", st.alert());
                g.writeStringField("severity", st.severity().label());
                g.writeStringField("condition", st.condition());
                g.writeArrayFieldStart("firing");
                for (LiveAlerts.Firing f : st.firing()) {
                    g.writeStartObject();
                    writeMap(g, "labels", f.labels());
                    g.writeStringField("detail", f.detail());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        sampler.close();
    }

    private record Asset(byte[] bytes, String contentType) {
        static Asset load(String file, String contentType) {
            try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard asset " + RESOURCES + file + " is missing from the classpath");
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

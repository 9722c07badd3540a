package io.sgdscope.monitoring.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.SpectralDensity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@value #PATH}: the newest per-layer eigenvalue spectral densities of the trained models
 * (trainer/METRICS.md, "Spectra"), as JSON. Optional query parameters {@code model} and
 * {@code stream} select models; without them every model is listed. The answer is
 * {@code {"models": [{model, stream, step, layers: [{index, inputs, outputs, edges, counts,
 * fitCounts, alpha, xmin, ks, tail, lambdaMax, alphaWeighted, mpVariance, mpEdge, outliers}]}]}};
 * a model not yet inspected has no layers, a diagonal layer is left out, non-finite numbers are
 * null. 404 when a selection matches no model.
 */
public final class SpectraApi {

    public static final String PATH = "/api/spectra";
    private static final JsonFactory JSON = new JsonFactory();

    private final List<ModelStats> models = new CopyOnWriteArrayList<>();

    /** Makes a model's spectra available; the trainer calls it as each model appears. */
    public void add(ModelStats model) {
        models.add(model);
    }

    void handle(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            respond(ex, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String model = query.get("model");
        String stream = query.get("stream");
        List<ModelStats> selected = models.stream()
                .filter(m -> (model == null || model.equals(m.model())) && (stream == null || stream.equals(m.stream())))
                .toList();
        if (selected.isEmpty() && (model != null || stream != null)) {
            respond(ex, 404, "text/plain; charset=utf-8", ("no model " + (model == null ? "*" : model) + " on stream "
                    + (stream == null ? "*" : stream) + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(ex, 200, "application/json", json(selected));
    }

    /** The JSON answer for {@code selected}; see the class comment. */
    static byte[] json(List<ModelStats> selected) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("models");
            for (ModelStats m : selected) {
                InsightReport r = m.insight();
                g.writeStartObject();
                g.writeStringField("model", m.model());
                g.writeStringField("stream", m.stream());
                if (r != null) {
                    g.writeNumberField("step", r.step());
                }
                g.writeArrayFieldStart("layers");
                if (r != null) {
                    for (InsightReport.LayerInsight l : r.layers()) {
                        if (l.spectrum() != null) {
                            layer(g, l, l.spectrum());
                        }
                    }
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

    private static void layer(JsonGenerator g, InsightReport.LayerInsight l, SpectralDensity d) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", l.index());
        g.writeNumberField("inputs", l.inputs());
        g.writeNumberField("outputs", l.outputs());
        numbers(g, "edges", d.edges());
        g.writeArrayFieldStart("counts");
        for (int c : d.counts()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        numbers(g, "fitCounts", d.fitCounts());
        number(g, "alpha", d.alpha());
        number(g, "xmin", d.xmin());
        number(g, "ks", d.ks());
        g.writeNumberField("tail", d.tail());
        number(g, "lambdaMax", d.lambdaMax());
        number(g, "alphaWeighted", d.alphaWeighted());
        number(g, "mpVariance", d.mpVariance());
        number(g, "mpEdge", d.mpEdge());
        g.writeNumberField("outliers", d.outliers());
        g.writeEndObject();
    }

    private static void numbers(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (double v : values) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field); // JSON has no NaN or infinities
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(key, value);
        }
        return q;
    }

    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}

package io.sgdscope.launcher.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An Alertmanager webhook receiver on loopback: keeps every alert of every notification, with when it arrived. */
final class WebhookReceiver implements AutoCloseable {

    /** One alert of one notification. */
    record Received(String alertname, String status, Map<String, String> labels, long arrivedNanos, Instant arrivedAt) {
    }

    static final String PATH = "/alerts";

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                long now = System.nanoTime();
                Instant at = Instant.now();
                for (JsonNode alert : json.readTree(body).path("alerts")) {
                    Map<String, String> labels = new TreeMap<>();
                    alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    received.add(new Received(labels.get("alertname"), alert.path("status").asText(), labels, now, at));
                }
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

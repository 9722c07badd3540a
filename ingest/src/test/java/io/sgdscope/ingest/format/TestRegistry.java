package io.sgdscope.ingest.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A schema registry for tests on 127.0.0.1 (an ephemeral port): serves {@code GET /schemas/ids/{id}} as
 * Confluent's REST API does ({@code {"schema": "..."}}, 404 with error code 40403 for an unknown id).
 * It can answer 503 for the next {@code n} requests (an outage) and demand basic auth.
 */
final class TestRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unavailableFor = new AtomicInteger();
    volatile String requiredAuthorization;
    volatile String lastAuthorization;

    TestRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            requests.incrementAndGet();
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            String body;
            String idText = exchange.getRequestURI().getPath().substring("/schemas/ids/".length());
            if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                body = "{\"error_code\":50301,\"message\":\"unavailable\"}";
            } else if (requiredAuthorization != null && !requiredAuthorization.equals(lastAuthorization)) {
                status = 401;
                body = "{\"error_code\":40101,\"message\":\"unauthorized\"}";
            } else if (schemas.containsKey(parse(idText))) {
                status = 200;
                body = new ObjectMapper().createObjectNode().put("schema", schemas.get(parse(idText))).toString();
            } else {
                status = 404;
                body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static int parse(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    void register(int id, Schema schema) {
        schemas.put(id, schema.toString());
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.sgdscope.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools protocol connection (to the browser or to a page target) over
 * {@code java.net.http.WebSocket}: commands wait for their reply, events are kept in arrival order.
 */
final class DevTools implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private DevTools(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Listener()).join();
    }

    static DevTools connect(URI uri) {
        return new DevTools(uri);
    }

    /** Sends {@code method} with {@code params} and returns its {@code result}; a protocol error fails the test. */
    JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(REPLY.toSeconds(), TimeUnit.SECONDS);
            JsonNode r = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + r.get("error"));
            }
            return r.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no reply to DevTools " + method + " within " + REPLY.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
    }

    JsonNode send(String method) {
        return send(method, null);
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Every event received so far ({@code method} and {@code params}). */
    List<JsonNode> events() {
        return events;
    }

    /** Evaluates {@code expression} in the page and returns its value (by value, so JSON-able results only). */
    JsonNode evaluate(String expression) {
        JsonNode r = send("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.get("result").get("value");
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "unparseable").put("text", text));
                }
            }
            ws.request(1);
            return null;
        }
    }
}

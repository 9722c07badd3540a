package io.sgdscope.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.IngestFailure;
import io.sgdscope.ingest.RegistrySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Avro schemas by id from a registry's REST API, {@code GET /schemas/ids/{id}} (Confluent Schema Registry,
 * Apicurio's {@code /apis/ccompat/v7}, Karapace), over {@link HttpClient}. A schema id never changes its
 * schema, so each is fetched once and cached for good. A 404 is an {@code unknown_schema_id}; a registry
 * that cannot be reached (connection refused, timeout, HTTP 5xx or 429) is asked again with exponential
 * back-off (100 ms doubling to 5 s) until {@link RegistrySpec#retryTotal()} has passed, then it is
 * {@code registry_unreachable}. The credentials go into the Authorization header and nowhere else.
 */
public final class SchemaRegistryClient {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RegistrySpec spec;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> cache = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistrySpec spec) {
        this.spec = spec;
        this.http = HttpClient.newBuilder().connectTimeout(spec.timeout()).build();
        this.authorization = spec.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (spec.username() + ":" + spec.password().reveal()).getBytes(StandardCharsets.UTF_8));
    }

    /** The writer schema of {@code id}, from the cache or the registry. */
    public Schema schema(int id) throws IngestDecodeException {
        Schema cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        Schema fetched = fetch(id);
        cache.putIfAbsent(id, fetched);
        return fetched;
    }

    /** How many schemas are cached (for tests and metrics). */
    public int cachedSchemas() {
        return cache.size();
    }

    private Schema fetch(int id) throws IngestDecodeException {
        URI uri = URI.create(spec.url().toString().replaceAll("/+$", "") + "/schemas/ids/" + Integer.toUnsignedString(id));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(spec.timeout()).GET()
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long deadline = System.nanoTime() + spec.retryTotal().toNanos();
        Duration backoff = FIRST_BACKOFF;
        String lastProblem;
        while (true) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return parse(id, response.body());
                }
                if (status == 404) {
                    throw new IngestDecodeException(IngestFailure.UNKNOWN_SCHEMA_ID, "schema id " + id
                            + " is not in the registry " + spec.url());
                }
                lastProblem = "HTTP " + status;
                if (status != 429 && status < 500) {
                    // 401, 403, 400: asking again will not help; the record stays replayable in the DLQ
                    throw new IngestDecodeException(IngestFailure.REGISTRY_UNREACHABLE, "the registry " + spec.url()
                            + " refused schema id " + id + ": " + lastProblem);
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestDecodeException(IngestFailure.REGISTRY_UNREACHABLE, "interrupted while asking the registry "
                        + spec.url() + " for schema id " + id);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IngestDecodeException(IngestFailure.REGISTRY_UNREACHABLE, "the registry " + spec.url()
                        + " did not answer for schema id " + id + " within " + spec.retryTotal() + " (" + lastProblem + ")");
            }
            try {
                Thread.sleep(Math.min(backoff.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestDecodeException(IngestFailure.REGISTRY_UNREACHABLE, "interrupted while waiting for the registry");
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private Schema parse(int id, String body) throws IngestDecodeException {
        try {
            JsonNode root = JsonFormat.MAPPER.readTree(body);
            JsonNode type = root.path("schemaType");
            if (type.isTextual() && !type.asText().equalsIgnoreCase("AVRO")) {
                throw new IngestDecodeException(IngestFailure.UNPARSABLE, "schema id " + id + " is a "
                        + type.asText() + " schema, not Avro");
            }
            JsonNode schema = root.path("schema");
            if (!schema.isTextual()) {
                throw new IngestDecodeException(IngestFailure.UNKNOWN_SCHEMA_ID, "the registry's answer for schema id "
                        + id + " holds no schema");
            }
            return new Schema.Parser().parse(schema.asText());
        } catch (IOException | SchemaParseException e) {
            throw new IngestDecodeException(IngestFailure.UNKNOWN_SCHEMA_ID, "the registry's schema for id " + id
                    + " is not a valid Avro schema: " + e.getMessage());
        }
    }
}

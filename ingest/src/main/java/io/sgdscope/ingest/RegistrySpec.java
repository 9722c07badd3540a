package io.sgdscope.ingest;

import io.sgdscope.common.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The schema registry of an {@code avro-confluent} entry ({@code registry:}): any registry speaking
 * Confluent's REST API for {@code GET /schemas/ids/{id}} (Confluent, Apicurio's ccompat API, Karapace).
 *
 * @param username   basic-auth user, or null for none
 * @param password   basic-auth password; never printed ({@link Secret})
 * @param timeout    per request
 * @param retryTotal how long a record waits for an unreachable registry (bounded exponential back-off)
 *                   before it goes to the DLQ as {@code registry_unreachable}
 */
public record RegistrySpec(URI url, String username, Secret password, Duration timeout, Duration retryTotal) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_TOTAL = Duration.ofSeconds(30);

    public RegistrySpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryTotal, "retryTotal");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("registry username and password go together");
        }
    }
}

package io.sgdscope.launcher.broker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings for an {@link EmbeddedKafkaBroker}.
 *
 * @param port      client (PLAINTEXT) port on 127.0.0.1; {@code 0} picks a free port
 * @param dataDir   directory that survives restarts; {@code null} uses a temporary directory
 *                  that is deleted on close. Kafka's logs go to a {@code kraft-combined-logs}
 *                  subdirectory, so the directory may be shared with other state.
 * @param overrides broker properties applied after the built-in defaults; may be {@code null}
 */
public record EmbeddedBrokerConfig(int port, Path dataDir, Map<String, String> overrides) {

    /**
     * Properties that define the node's identity and wiring. The broker derives them from
     * {@link #port()} and {@link #dataDir()}; letting them be overridden would make the storage
     * format, {@link EmbeddedKafkaBroker#bootstrapServers()} and the running broker disagree.
     */
    static final Set<String> RESERVED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "controller.listener.names",
            "inter.broker.listener.name",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "log.dirs",
            "log.dir",
            "metadata.log.dir");

    public EmbeddedBrokerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("broker.port must be between 0 and 65535, got " + port);
        }
        overrides = validOverrides(overrides);
    }

    /** A broker on a free port with a throw-away data directory. */
    public static EmbeddedBrokerConfig defaults() {
        return new EmbeddedBrokerConfig(0, null, Map.of());
    }

    public EmbeddedBrokerConfig withPort(int newPort) {
        return new EmbeddedBrokerConfig(newPort, dataDir, overrides);
    }

    public EmbeddedBrokerConfig withDataDir(Path newDataDir) {
        return new EmbeddedBrokerConfig(port, newDataDir, overrides);
    }

    public EmbeddedBrokerConfig withOverrides(Map<String, String> newOverrides) {
        return new EmbeddedBrokerConfig(port, dataDir, newOverrides);
    }

    private static Map<String, String> validOverrides(Map<String, String> overrides) {
        if (overrides == null) {
            return Map.of();
        }
        // TreeMap: deterministic order in logs and error messages.
        Map<String, String> copy = new TreeMap<>();
        overrides.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("broker.overrides must not contain a blank key");
            }
            if (value == null) {
                throw new IllegalArgumentException("broker.overrides value for '" + key + "' must not be null");
            }
            if (RESERVED_KEYS.contains(key)) {
                throw new IllegalArgumentException("broker.overrides must not set '" + key
                        + "': it is managed by the embedded broker (use broker.port / broker.data-dir)");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}

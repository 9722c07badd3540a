package io.sgdscope.common.config;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to reach the cluster: bootstrap servers plus any client property passed through
 * ({@code kafka.*} in the config file, {@code --kafka-prop key=value}), so SASL/TLS clusters work.
 * Properties that {@link SecretKeys} calls secret are held as {@link Secret}s, so this record's
 * {@code toString()} (in a log line or an exception) shows them masked.
 */
public record KafkaClientConfig(String bootstrapServers, Map<String, String> properties, Map<String, Secret> secrets) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String PREFIX = "kafka.";
    public static final Set<String> KEYS = Set.of(BOOTSTRAP_SERVERS);

    public KafkaClientConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS, "is required (use --bootstrap-servers or "
                    + RawConfig.envName(BOOTSTRAP_SERVERS) + ")");
        }
        properties = Map.copyOf(new TreeMap<>(Objects.requireNonNull(properties, "properties")));
        secrets = Map.copyOf(new TreeMap<>(Objects.requireNonNull(secrets, "secrets")));
        for (String key : properties.keySet()) {
            if (SecretKeys.isSecret(key)) {
                throw new IllegalArgumentException("Kafka property '" + key + "' is secret: pass it in secrets");
            }
            if (secrets.containsKey(key)) {
                throw new IllegalArgumentException("Kafka property '" + key + "' is both plain and secret");
            }
        }
    }

    /** Sorts {@code properties} into plain ones and {@link Secret}s by {@link SecretKeys}. */
    public KafkaClientConfig(String bootstrapServers, Map<String, String> properties) {
        this(bootstrapServers, plain(properties), secret(properties));
    }

    private static Map<String, String> plain(Map<String, String> properties) {
        Map<String, String> m = new TreeMap<>(properties);
        m.keySet().removeIf(SecretKeys::isSecret);
        return m;
    }

    private static Map<String, Secret> secret(Map<String, String> properties) {
        Map<String, Secret> m = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (SecretKeys.isSecret(k)) {
                m.put(k, Secret.of(v));
            }
        });
        return m;
    }

    public static KafkaClientConfig from(RawConfig raw) {
        Map<String, String> props = new TreeMap<>(raw.section(PREFIX));
        props.remove("bootstrap.servers");
        return new KafkaClientConfig(raw.string(BOOTSTRAP_SERVERS, null), props);
    }

    /**
     * Client properties: component defaults first, then the user's pass-through, so the user can
     * tune anything (and is responsible for what they override). The only place secrets are revealed.
     */
    /**
     * {@code fetch.max.wait.ms} of every read_committed consumer of sgdscope's (the trainer's, and the
     * streams app's under exactly-once). A fetch parked at the last stable offset is often answered only
     * when this wait ends, not when a commit moves that offset: measured on the embedded broker, a
     * 20 ms transaction reached a read_committed consumer at a p99 of 607 ms after it was sent with
     * Kafka's default of 500 ms, and 60 ms with 50 ms. An idle consumer then asks 40 times a second.
     */
    public static final int READ_COMMITTED_FETCH_WAIT_MS = 25;

    public Properties toProperties(Map<String, ?> componentDefaults) {
        Properties p = new Properties();
        p.putAll(componentDefaults);
        p.putAll(properties);
        secrets.forEach((k, v) -> p.put(k, v.reveal()));
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}

package io.sgdscope.common.config;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to reach the cluster: bootstrap servers plus any client property passed through
 * ({@code kafka.*} in the config file, {@code --kafka-prop key=value}), so SASL/TLS clusters work.
 */
public record KafkaClientConfig(String bootstrapServers, Map<String, String> properties) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String PREFIX = "kafka.";
    public static final Set<String> KEYS = Set.of(BOOTSTRAP_SERVERS);

    public KafkaClientConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS, "is required (use --bootstrap-servers or "
                    + RawConfig.envName(BOOTSTRAP_SERVERS) + ")");
        }
        properties = Map.copyOf(new TreeMap<>(Objects.requireNonNull(properties, "properties")));
    }

    public static KafkaClientConfig from(RawConfig raw) {
        Map<String, String> props = new TreeMap<>(raw.section(PREFIX));
        props.remove("bootstrap.servers");
        return new KafkaClientConfig(raw.string(BOOTSTRAP_SERVERS, null), props);
    }

    /**
     * Client properties: component defaults first, then the user's pass-through, so the user can
     * tune anything (and is responsible for what they override).
     */
    public Properties toProperties(Map<String, ?> componentDefaults) {
        Properties p = new Properties();
        p.putAll(componentDefaults);
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}

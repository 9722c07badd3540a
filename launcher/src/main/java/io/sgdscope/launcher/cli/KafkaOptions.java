package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.KafkaClientConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to reach an existing cluster; shared by every command that talks to Kafka. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (config key kafka.bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--kafka-prop", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, e.g. security.protocol=SASL_SSL. Repeatable.")
    Map<String, String> kafkaProps = new LinkedHashMap<>();

    /** As config keys, ready to layer over file and environment. */
    Map<String, String> asConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        kafkaProps.forEach((k, v) -> {
            if (k.isBlank()) {
                // the value is not echoed: without its key nobody can tell whether it is a secret
                throw new ConfigException("--kafka-prop", "expected KEY=VALUE, got an empty KEY");
            }
            m.put(KafkaClientConfig.PREFIX + k, v);
        });
        if (bootstrapServers != null) {
            m.put(KafkaClientConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        return m;
    }
}

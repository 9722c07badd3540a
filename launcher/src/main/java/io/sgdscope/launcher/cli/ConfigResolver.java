package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.TrainerConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Layers the config sources in precedence order and rejects keys nobody reads. */
public final class ConfigResolver {

    public static final Set<String> KNOWN_KEYS = knownKeys();
    private static final Set<String> PASS_THROUGH = passThrough();
    /** Read by bin/sgdscope itself, not config keys. */
    static final Set<String> SCRIPT_ENV = Set.of("SGDSCOPE_JAVA_OPTS", "SGDSCOPE_JAVACPP_CACHE");

    private ConfigResolver() {
    }

    /** Kafka client properties, trainer variants, and the scenario sections that {@code ScenarioSpec} checks itself. */
    private static Set<String> passThrough() {
        Set<String> prefixes = new HashSet<>(io.sgdscope.producers.scenario.ScenarioSpec.PREFIXES);
        prefixes.add(KafkaClientConfig.PREFIX);
        prefixes.addAll(TrainerConfig.PREFIXES);
        prefixes.add(StreamsAppConfig.PER_STREAM_PREFIX);
        return Set.copyOf(prefixes);
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new HashSet<>();
        keys.addAll(KafkaClientConfig.KEYS);
        keys.addAll(ProduceConfig.KEYS);
        keys.addAll(StreamsAppConfig.KEYS);
        keys.addAll(TrainerConfig.ALL_KEYS);
        keys.addAll(HttpConfig.KEYS);
        keys.add(io.sgdscope.common.topic.Topics.PREFIX_KEY);
        keys.addAll(io.sgdscope.common.topic.TopicLayout.KEYS);
        return Set.copyOf(keys);
    }

    /**
     * @param scenario a lower layer under the config file (may be empty)
     * @param flags    the command's flags as config keys, highest precedence
     */
    public static RawConfig resolve(RawConfig scenario, Path configFile, Map<String, String> env, Map<String, String> flags) {
        RawConfig file = configFile == null ? RawConfig.empty() : RawConfig.fromYaml(configFile);
        RawConfig resolved = scenario
                .overriddenBy(file)
                .overriddenBy(RawConfig.fromEnv(withoutScriptVariables(env), KNOWN_KEYS))
                .overriddenBy(RawConfig.of(flags, "command line"));
        resolved.requireKnown(KNOWN_KEYS, PASS_THROUGH);
        return resolved;
    }

    private static Map<String, String> withoutScriptVariables(Map<String, String> env) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.keySet().removeAll(SCRIPT_ENV);
        return m;
    }
}

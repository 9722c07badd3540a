package io.sgdscope.streams;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/** Settings of the streams app, and the one factory of its Kafka Streams properties. */
public record StreamsAppConfig(String applicationId, ProcessingGuarantee guarantee, int featureDimension,
                               Duration commitInterval, Path stateDir) {

    public enum ProcessingGuarantee {
        AT_LEAST_ONCE, EXACTLY_ONCE_V2;

        String kafkaValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String APPLICATION_ID = "streams.application-id";
    public static final String GUARANTEE = "streams.processing-guarantee";
    public static final String FEATURE_DIMENSION = "streams.feature-dimension";
    public static final String COMMIT_INTERVAL = "streams.commit-interval";
    public static final String STATE_DIR = "streams.state-dir";
    public static final Set<String> KEYS = Set.of(APPLICATION_ID, GUARANTEE, FEATURE_DIMENSION, COMMIT_INTERVAL, STATE_DIR);

    public StreamsAppConfig {
        if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(APPLICATION_ID, "must be non-empty [a-zA-Z0-9._-], got '" + applicationId + "'");
        }
        if (featureDimension < 1) {
            throw new ConfigException(FEATURE_DIMENSION, "must be >= 1, got " + featureDimension);
        }
        if (commitInterval.isZero() || commitInterval.isNegative()) {
            throw new ConfigException(COMMIT_INTERVAL, "must be positive, got " + commitInterval);
        }
    }

    public static StreamsAppConfig from(RawConfig raw) {
        String dir = raw.string(STATE_DIR, "");
        return new StreamsAppConfig(
                raw.string(APPLICATION_ID, "sgdscope-streams"),
                raw.enumValue(GUARANTEE, ProcessingGuarantee.class, ProcessingGuarantee.EXACTLY_ONCE_V2),
                raw.intValue(FEATURE_DIMENSION, 64, 1, 1 << 20),
                raw.duration(COMMIT_INTERVAL, Duration.ofMillis(100)),
                dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "sgdscope-streams") : Path.of(dir));
    }

    public StreamsAppConfig withApplicationId(String id) {
        return new StreamsAppConfig(id, guarantee, featureDimension, commitInterval, stateDir);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return new StreamsAppConfig(applicationId, guarantee, featureDimension, commitInterval, dir);
    }

    public Properties toStreamsProperties(KafkaClientConfig kafka) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.kafkaValue());
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // opt in now to the behaviour that becomes the default in Kafka 5.0 (and silence its warning)
        defaults.put("processing.exception.handler.global.enabled", true);
        return kafka.toProperties(defaults);
    }
}

package io.sgdscope.common.config;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one rule for which settings are secret. Every printer and writer of settings asks it:
 * {@code --print-config}, provenance (and so checkpoint manifests), error messages that echo a value.
 *
 * <p>A key is secret if
 * <ul>
 *   <li>it, or what is left after removing any dotted prefix, is a {@code PASSWORD} key of Kafka's
 *       producer, consumer or admin client {@link ConfigDef}. Removing any prefix covers our own
 *       {@code kafka.} section, the Streams client prefixes ({@code producer.}, {@code main.consumer.},
 *       {@code admin.}, ...; Streams' own secrets are these client keys), listener prefixes and the
 *       {@code config.} of provenance keys, without a list of prefixes to keep up to date; or</li>
 *   <li>its name matches our pattern, for keys Kafka does not define (a schema registry's
 *       {@code basic.auth.user.info}) or types loosely: it contains {@code password}, {@code secret},
 *       {@code token}, {@code credential}, {@code jaas} or {@code user.info}, or it is an
 *       {@code ssl.*} key ending in {@code key} ({@code ssl.keystore.key}).</li>
 * </ul>
 * Keys are compared case-insensitively. Masking a setting that is not secret costs a line of
 * output; showing one that is costs a credential, so the pattern errs on the side of masking.
 */
public final class SecretKeys {

    private static final Pattern PATTERN =
            Pattern.compile("password|secret|token|credential|jaas|user\\.info|(^|\\.)ssl\\.\\S*key$");

    private static final Set<String> KAFKA_PASSWORD_KEYS = Set.copyOf(passwordKeys(
            ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef()));

    private SecretKeys() {
    }

    /** The keys that these {@link ConfigDef}s type {@code PASSWORD}. */
    private static Set<String> passwordKeys(ConfigDef... defs) {
        Set<String> keys = new HashSet<>();
        Stream.of(defs).flatMap(d -> d.configKeys().values().stream())
                .filter(k -> k.type == ConfigDef.Type.PASSWORD)
                .forEach(k -> keys.add(k.name.toLowerCase(Locale.ROOT)));
        return keys;
    }

    public static boolean isSecret(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        if (PATTERN.matcher(k).find()) {
            return true;
        }
        for (int from = 0; ; ) {
            if (KAFKA_PASSWORD_KEYS.contains(k.substring(from))) {
                return true;
            }
            int dot = k.indexOf('.', from);
            if (dot < 0) {
                return false;
            }
            from = dot + 1;
        }
    }

    /** {@code value}, or {@link Secret#MASK} if {@code key} is secret: how a setting may be written out. */
    public static String shown(String key, String value) {
        return isSecret(key) ? Secret.MASK : value;
    }

    /** A copy, sorted by key, with the value of every secret key masked. */
    public static SortedMap<String, String> redacted(Map<String, String> settings) {
        SortedMap<String, String> m = new TreeMap<>();
        settings.forEach((k, v) -> m.put(k, shown(k, v)));
        return Collections.unmodifiableSortedMap(m);
    }
}

package io.sgdscope.monitoring.http;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Set;

/** Where the metrics endpoint listens. Loopback unless the user asks otherwise. */
public record HttpConfig(String bindAddress, int port) {

    public static final String BIND = "http.bind";
    public static final String PORT = "http.port";
    public static final Set<String> KEYS = Set.of(BIND, PORT);

    public HttpConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigException(BIND, "must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(PORT, "must be between 0 and 65535, got " + port);
        }
    }

    public static HttpConfig from(RawConfig raw) {
        return new HttpConfig(raw.string(BIND, "127.0.0.1"), raw.intValue(PORT, 8080, 0, 65535));
    }
}

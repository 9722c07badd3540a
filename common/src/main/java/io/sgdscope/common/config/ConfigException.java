package io.sgdscope.common.config;

/** A configuration problem, always tied to the key that caused it. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("config key '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

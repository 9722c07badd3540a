package io.sgdscope.common.config;

/** A raw setting and where it came from (file and line, environment variable, or flag). */
public record ConfigValue(String value, String origin) {
}

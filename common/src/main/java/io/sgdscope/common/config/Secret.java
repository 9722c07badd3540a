package io.sgdscope.common.config;

import java.util.Objects;

/**
 * A setting's value that must never be written out: {@link #toString()} is the mask, so a secret
 * that reaches a log line, an exception message or a record's {@code toString()} by accident shows
 * nothing. Only the code that hands it to a Kafka client calls {@link #reveal()}.
 */
public final class Secret {

    /** How every secret value is shown: in printed config, provenance, logs and error messages. */
    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value, for a Kafka client's properties and nothing else. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}

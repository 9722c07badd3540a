package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 {@code PT90S}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = RawConfig.parseDuration(value);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration such as 90s, 5m or 2h");
        }
        return d;
    }
}

package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import java.io.PrintWriter;

/** Shows the resolved settings and their origins; secret values are masked ({@code SecretKeys}). */
final class ConfigPrinter {

    private ConfigPrinter() {
    }

    static void print(RawConfig raw, PrintWriter out) {
        out.println("# resolved settings (flag > environment > file > scenario); unlisted keys take their defaults");
        raw.redactedEntries().forEach((key, v) -> out.printf("%s = %s    # %s%n", key, v.value(), v.origin()));
        out.flush();
    }
}

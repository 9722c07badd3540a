package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Shows the resolved settings and their origins; keys that look like credentials are masked. */
final class ConfigPrinter {

    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential");

    private ConfigPrinter() {
    }

    static void print(RawConfig raw, PrintWriter out) {
        out.println("# resolved settings (flag > environment > file > scenario); unlisted keys take their defaults");
        raw.entries().forEach((key, v) -> out.printf("%s = %s    # %s%n",
                key, isSecret(key) ? "********" : v.value(), v.origin()));
        out.flush();
    }

    /** Settings a part derived from the raw ones (e.g. every variant's, in full); never secrets. */
    static void printResolved(Map<String, String> resolved, PrintWriter out) {
        if (resolved.isEmpty()) {
            return;
        }
        out.println("# as resolved: aliases and defaults filled in, executor auto resolved");
        resolved.forEach((key, value) -> out.printf("%s = %s%n", key, value));
        out.flush();
    }

    static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find();
    }
}

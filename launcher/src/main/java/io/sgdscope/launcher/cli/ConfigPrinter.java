package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import java.io.PrintWriter;
import java.util.Map;

/** Shows the resolved settings and their origins; secret values are masked ({@code SecretKeys}). */
final class ConfigPrinter {

    private ConfigPrinter() {
    }

    static void print(RawConfig raw, PrintWriter out) {
        out.println("# resolved settings (flag > environment > file > scenario); unlisted keys take their defaults");
        raw.redactedEntries().forEach((key, v) -> out.printf("%s = %s    # %s%n", key, v.value(), v.origin()));
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

    /** The feature table of every {@code ingest:} entry, one line per slot ({@code 17 = user/country=DE}). */
    static void printFeatureTables(io.sgdscope.streams.ingest.IngestConfig ingest, PrintWriter out) {
        if (ingest.isEmpty()) {
            return;
        }
        out.print(ingest.render());
        out.flush();
    }
}

package io.sgdscope.monitoring.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the alerting files live in the source tree, for the tests that read them or run the tools on them. */
final class AlertFiles {

    /** The monitoring module's directory; the paths below are relative to it. */
    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    static final String PROMETHEUS_CONFIG = "prometheus/prometheus.yml";
    static final String RULES_DIR = "prometheus/rules";
    static final String RULE_TESTS_DIR = "prometheus/tests";
    static final String ALERTMANAGER_CONFIG = "alertmanager/alertmanager.yml";
    static final String RUNBOOK = "RUNBOOK.md";

    private AlertFiles() {
    }

    /** The {@code .yml} files of a directory, sorted by name. */
    static List<Path> yamlFiles(String dir) throws IOException {
        try (Stream<Path> files = Files.list(MODULE.resolve(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
    }
}

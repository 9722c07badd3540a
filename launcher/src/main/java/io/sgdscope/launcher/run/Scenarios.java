package io.sgdscope.launcher.run;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario is a config layer below the user's config file: a built-in name from
 * {@code scenarios/} on the classpath (the repository's root {@code scenarios/} directory, packed
 * into the jar), or a path to a YAML file. Besides {@code producer:} and {@code trainer:} settings
 * it may hold the producers' {@code source:}, {@code phases:} and {@code scenario:} sections.
 */
public final class Scenarios {

    public static final List<String> BUILT_IN = List.of("default", "fast", "label-noise", "covariate-shift",
            "concept-drift", "recurring", "sparse-regression", "separable-margin", "fashion-mnist", "hyperplane",
            "rbf-drift", "sparse-parity", "spurious", "prior-shift", "delayed-labels", "noisy-labels");

    private Scenarios() {
    }

    public static RawConfig load(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || Files.isRegularFile(file)) {
            return RawConfig.fromYaml(file);
        }
        if (!BUILT_IN.contains(nameOrFile)) {
            throw new ConfigException("scenario", "unknown scenario '" + nameOrFile + "'; built-in: "
                    + String.join(", ", BUILT_IN) + ", or give the path of a YAML file");
        }
        String resource = "/scenarios/" + nameOrFile + ".yaml";
        try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + resource + " is missing from the jar");
            }
            return RawConfig.fromYaml(in, "scenario " + nameOrFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

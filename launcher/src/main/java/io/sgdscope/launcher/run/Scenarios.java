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
 * {@code scenarios/} on the classpath, or a path to a YAML file.
 */
public final class Scenarios {

    public static final List<String> BUILT_IN = List.of("default", "fast");

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

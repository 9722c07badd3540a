package io.sgdscope.experiment;

import io.sgdscope.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The built-in experiments: every {@code experiments/*.yaml} resource of this module, found by
 * listing the directory or jar it lives in, so adding a file is all a new built-in takes.
 */
public final class BuiltInExperiments {

    static final String DIR = "experiments/";

    private BuiltInExperiments() {
    }

    /** The built-in names, sorted. */
    public static List<String> names() {
        URL url = BuiltInExperiments.class.getClassLoader().getResource(DIR + "example-learning-rate.yaml");
        if (url == null) {
            throw new IllegalStateException("the built-in experiments are missing from the class path");
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                String jar = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
                String decoded = java.net.URLDecoder.decode(jar, java.nio.charset.StandardCharsets.UTF_8);
                try (JarFile f = new JarFile(decoded)) {
                    f.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(DIR) && n.endsWith(".yaml") && n.indexOf('/', DIR.length()) < 0)
                            .forEach(n -> names.add(n.substring(DIR.length(), n.length() - 5)));
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                            .forEach(n -> names.add(n.substring(0, n.length() - 5)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the built-in experiments", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(names);
    }

    /** The built-in {@code name}. */
    public static ExperimentSpec load(String name) {
        try (InputStream in = BuiltInExperiments.class.getClassLoader().getResourceAsStream(DIR + name + ".yaml")) {
            if (in == null) {
                throw new ConfigException("experiment", "unknown experiment '" + name + "'; built-in: "
                        + String.join(", ", names()) + ", or give the path of a YAML file");
            }
            return ExperimentParser.parse(in, DIR + name + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every built-in, parsed. */
    public static List<ExperimentSpec> all() {
        List<ExperimentSpec> out = new ArrayList<>();
        names().forEach(n -> out.add(load(n)));
        return out;
    }

    /** A built-in name, or a file when it ends in {@code .yaml}/{@code .yml} or names an existing file. */
    public static ExperimentSpec resolve(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || Files.isRegularFile(file)) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("experiment", "file not found: " + file);
            }
            return ExperimentParser.parse(file);
        }
        return load(nameOrFile);
    }
}

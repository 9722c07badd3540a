package io.sgdscope.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, for tests of the files that live there (dashboards, docker-compose.yml). */
public final class RepoRoot {

    private RepoRoot() {
    }

    /** The nearest directory at or above the working directory that holds {@code scenarios/} and {@code monitoring/}. */
    public static Path path() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("scenarios")) && Files.isDirectory(d.resolve("monitoring"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (with scenarios/ and monitoring/) at or above " + dir);
    }
}

package io.sgdscope.monitoring.alerts;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool from a Debian package (promtool, amtool), found on the PATH. A missing tool fails
 * the test with how to install it; it never skips, in CI or outside.
 */
record ExternalTool(Path path) {

    /** The exit code and the merged stdout and stderr of one run. */
    record Result(int exitCode, String output) {
    }

    static ExternalTool require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            return fail("%s is not on the PATH in CI; .ci/run installs it (apt-get install %s). These tests never skip.",
                    name, debianPackage);
        }
        return fail("%s is not on the PATH; install it with: sudo apt-get install %s", name, debianPackage);
    }

    Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        // the output is small; read it fully, then wait for the exit
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("%s did not finish within 120 s; output:%n%s", cmd, output);
        }
        return new Result(process.exitValue(), output);
    }
}

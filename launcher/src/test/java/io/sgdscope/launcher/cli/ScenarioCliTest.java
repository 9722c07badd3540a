package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.launcher.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad scenarios stop produce and demo at start-up with one clear message and exit code 2. */
class ScenarioCliTest {

    @TempDir
    Path dir;

    @Test
    void aBadPhaseKeyIsNamedWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 100
                    shift: { concpet: { function: 2 } }
                """);
        CliTest.Result r = CliTest.run("produce", "--bootstrap-servers", "127.0.0.1:1", "--scenario", file.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("phases[1].shift.concpet.function").contains("bad.yaml:5");
    }

    @Test
    void aMissingDataFileIsNamedBeforeTheDemoStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("csv.yaml"), """
                source:
                  type: csv
                  path: /no/such/file.csv
                """);
        CliTest.Result r = CliTest.run("demo", "--scenario", file.toString(), "--http-port", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("source.path").contains("/no/such/file.csv").contains("csv.yaml:3");
    }

    @Test
    void printConfigShowsTheScenarioWithItsOrigins() {
        CliTest.Result r = CliTest.run("produce", "--bootstrap-servers", "127.0.0.1:1", "--scenario", "label-noise",
                "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("phases[1].noise.type").contains("symmetric").contains("scenario label-noise:");
    }
}

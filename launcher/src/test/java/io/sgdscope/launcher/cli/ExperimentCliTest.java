package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.launcher.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sgdscope experiment}: exit codes 0 / 1 / 2, the listings, and the outputs it writes. */
class ExperimentCliTest {

    static final String TINY = """
            name: tiny
            title: Tiny
            claim: a larger step fits a separable teacher sooner
            citation: nobody
            scenario: default
            scenario-overrides: { producer.dimension: 8 }
            data: { mode: stream, samples: 400 }
            model: linear:8-2
            variants:
              fast: { learning-rate: 0.1 }
              slow: { learning-rate: 0.0005 }
            seeds: [1, 2]
            metrics: { every: 100, window: 64 }
            expect:
              - "fast: accuracy > slow: accuracy at end"
            """;

    @TempDir
    Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aPassingExperimentExitsZeroAndWritesItsOutputs() throws Exception {
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.run("experiment", file(TINY).toString(), "--out", out.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASS  fast: accuracy > slow: accuracy at end");
        assertThat(out.resolve("curves.csv")).exists();
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("accuracy.png")).exists();
        assertThat(out.resolve("loss.svg")).exists();
        // not a terminal: the progress bar is plain lines, ending at 100%
        assertThat(r.err()).contains("100%");
    }

    @Test
    void aWrongExpectationExitsOne() throws Exception {
        CliTest.Result r = CliTest.run("experiment", file(TINY.replace("accuracy > slow", "accuracy < slow")).toString(),
                "--out", dir.resolve("out").toString(), "--threads", "2", "--seeds", "3");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  fast: accuracy < slow: accuracy at end");
    }

    @Test
    void aMalformedFileExitsTwoNamingKeyFileAndLine() throws Exception {
        Path f = file(TINY.replace("  - \"fast: accuracy > slow: accuracy at end\"",
                "  - \"fast: accuracy > slow: acuracy at end\""));
        CliTest.Result r = CliTest.run("experiment", f.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("expect[0]", f + ":15", "unknown metric 'acuracy'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownScenarioOrExperimentExitsTwo() throws Exception {
        CliTest.Result r = CliTest.run("experiment", file(TINY.replace("scenario: default", "scenario: nowhere"))
                .toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("unknown scenario 'nowhere'");
        CliTest.Result none = CliTest.run("experiment", "no-such-experiment");
        assertThat(none.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(none.err()).contains("unknown experiment 'no-such-experiment'", "example-learning-rate");
    }

    @Test
    void listAndMetrics() {
        CliTest.Result list = CliTest.run("experiment", "--list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("example-learning-rate", "Robbins, Monro");
        CliTest.Result metrics = CliTest.run("experiment", "--metrics");
        assertThat(metrics.exitCode()).isZero();
        assertThat(metrics.out().lines()).contains("accuracy", "sharpness", "layerN.feature-rank", "eos-edge",
                "normalized-margin.min");
    }
}

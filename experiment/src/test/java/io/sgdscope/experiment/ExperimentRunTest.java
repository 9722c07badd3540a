package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example experiment end to end: parse, run every (variant, seed) job, curves, verdicts. */
class ExperimentRunTest {

    @TempDir
    Path dir;

    static ExperimentSpec example() throws Exception {
        try (InputStream in = ExperimentRunTest.class.getResourceAsStream("/experiments/example-learning-rate.yaml")) {
            return ExperimentParser.parse(in, "example-learning-rate.yaml");
        }
    }

    @Test
    void theExampleRunsEveryVariantAndSeedAndItsExpectationsPass() throws Exception {
        ExperimentSpec spec = example().onQuickBudget();
        ExperimentResult result = Experiments.run(spec, new ExperimentRunner(TestScenarios.INSTANCE, 2,
                Progress.NONE));
        result.verdicts().forEach(v -> System.out.println((v.pass() ? "PASS " : "FAIL ") + v.expectation().text()
                + " " + v.measured() + " " + v.reason()));
        Curves curves = result.curves();
        assertThat(curves.runs()).extracting(Curve::variant).containsExactly("fast", "fast", "fast", "slow", "slow",
                "slow");
        assertThat(curves.runs()).extracting(Curve::seed).containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
        // 4,000 samples at batch 1, a snapshot every 250 steps; the scenario shifts at sample 2,000 (and 4,000)
        assertThat(curves.runs().get(0).steps()).hasSize(16).startsWith(250).endsWith(4000);
        assertThat(curves.runs().get(0).shifts()).startsWith(2000);
        assertThat(result.verdicts()).allMatch(Verdict::pass);
        assertThat(result.exitCode()).isZero();
        Experiments.write(result, dir);
        List<String> lines = Files.readAllLines(dir.resolve(CurvesCsv.FILE));
        assertThat(lines.get(0)).startsWith("variant,seed,step,samples,accuracy,loss,");
        assertThat(lines).hasSize(1 + 6 * 16);
        // the README's figure, made by the build
        Path docs = Path.of("..", "docs", "experiments");
        Files.createDirectories(docs);
        Files.copy(dir.resolve("accuracy.png"), docs.resolve("example-learning-rate.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(docs.resolve("example-learning-rate.png")).isNotEmptyFile();
    }
}

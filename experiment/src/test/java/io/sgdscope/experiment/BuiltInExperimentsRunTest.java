package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in experiment, on its {@code quick:} budget and over its seeds, through the real
 * trainer: each phenomenon it claims must show (every expectation PASSES), and a claim turned
 * around must FAIL on the same curves, so the expectations are not true whatever the data.
 */
class BuiltInExperimentsRunTest {

    /** Each built-in's quick run, computed once and shared by the tests that judge it. */
    private static final Map<String, ExperimentResult> RUNS = new ConcurrentHashMap<>();

    static List<String> builtIns() {
        return BuiltInExperiments.names();
    }

    private static ExperimentResult quickRun(String name) {
        return RUNS.computeIfAbsent(name, n -> {
            ExperimentResult result = Experiments.run(BuiltInExperiments.load(n).onQuickBudget(),
                    new ExperimentRunner(TestScenarios.INSTANCE, 2, Progress.NONE));
            System.out.printf("%s (quick, %d seeds): %.1f s%n", n, result.spec().seeds().size(),
                    result.wallTime().toMillis() / 1000.0);
            result.verdicts().forEach(v -> System.out.println("  " + (v.pass() ? "PASS " : "FAIL ")
                    + v.expectation().text() + "  " + v.measured() + " " + v.reason()));
            return result;
        });
    }

    @Test
    void thereAreAtLeastTenBuiltInsEachCitingAPaperOverAtLeastThreeSeeds() {
        List<String> names = builtIns();
        assertThat(names).hasSizeGreaterThanOrEqualTo(10);
        for (String name : names) {
            ExperimentSpec spec = BuiltInExperiments.load(name);
            if (!name.startsWith("example-")) {
                assertThat(spec.citation()).as(name).contains("arXiv:");
                assertThat(spec.seeds()).as(name).hasSizeGreaterThanOrEqualTo(3);
                assertThat(spec.expectations()).as(name).hasSizeGreaterThanOrEqualTo(3);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void everyExpectationPassesOnTheQuickBudget(String name) {
        ExperimentResult result = quickRun(name);
        assertThat(result.verdicts()).as(name).hasSize(result.spec().expectations().size());
        assertThat(result.verdicts()).as(name).allSatisfy(v -> assertThat(v.pass())
                .as("%s: %s  %s %s", name, v.expectation().text(), v.measured(), v.reason()).isTrue());
        assertThat(result.exitCode()).isEqualTo(ExperimentResult.EXIT_PASS);
    }

    /** The SAM claim with its operator turned around ({@code <} to {@code >}) fails on the same runs: exit 1. */
    @Test
    void theReversedSamClaimFails() {
        assertReversedFails("sam-low-rank", "sam: layer0.feature-rank < sgd: layer0.feature-rank at end",
                "sam: layer0.feature-rank > sgd: layer0.feature-rank at end");
    }

    /** The margin claim with the wrong sign ({@code rises} to {@code falls}) fails on the same runs. */
    @Test
    void theMarginClaimWithTheWrongSignFails() {
        assertReversedFails("margin-keeps-growing", "sgd: normalized-margin.min rises after accuracy >= 1 in every seed",
                "sgd: normalized-margin.min falls after accuracy >= 1 in every seed");
    }

    /**
     * The held-out claim turned around (held-out accuracy above the fit of the training labels) fails: the
     * held-out score is a real measurement of the same runs, not a copy of the training accuracy.
     */
    @Test
    void theReversedHeldOutClaimFails() {
        assertReversedFails("clean-first-memorise-late", "sgd: holdout.accuracy < sgd: accuracy at end in every seed",
                "sgd: holdout.accuracy > sgd: accuracy at end in every seed");
    }

    private static void assertReversedFails(String name, String claim, String reversed) {
        ExperimentResult result = quickRun(name);
        assertThat(result.spec().expectations()).extracting(Expectation::text).contains(claim);
        Expectation turned = new ExpectationParser(result.spec().variants().keySet()).parse(reversed);
        List<Verdict> verdicts = new ExpectationEvaluator(result.curves()).judge(List.of(turned));
        ExperimentResult judged = new ExperimentResult(result.spec(), result.curves(), verdicts, result.wallTime());
        assertThat(verdicts.get(0).pass()).as("%s %s", reversed, verdicts.get(0).measured()).isFalse();
        assertThat(verdicts.get(0).reason()).as("a real comparison, not a missing value").doesNotContain("no value");
        assertThat(judged.exitCode()).isEqualTo(ExperimentResult.EXIT_FAIL);
    }
}

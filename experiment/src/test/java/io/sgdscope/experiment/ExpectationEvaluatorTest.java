package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Expectations judged on synthetic curves whose values are chosen so each verdict is known by
 * construction: variant {@code up} has accuracy 0.1·row + seed/100 over rows 0..4 (steps 100..500),
 * variant {@code flat} has 0.5 throughout; sharpness is NaN in {@code flat}.
 */
class ExpectationEvaluatorTest {

    static final List<String> COLUMNS = List.of("accuracy", "sharpness");
    static final long[] STEPS = {100, 200, 300, 400, 500};
    static final long[] SAMPLES = {100, 200, 300, 400, 500};

    static Curves curves() {
        List<Curve> runs = new ArrayList<>();
        for (long seed : List.of(1L, 2L)) {
            List<Map<String, Double>> rows = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                rows.add(Map.of("accuracy", 0.1 * r + seed / 100.0, "sharpness", 10.0 - r));
            }
            runs.add(Curves.curve("up", seed, COLUMNS, STEPS, SAMPLES, rows, new long[] {250}));
        }
        for (long seed : List.of(1L, 2L)) {
            List<Map<String, Double>> rows = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                rows.add(Map.of("accuracy", 0.5));
            }
            runs.add(Curves.curve("flat", seed, COLUMNS, STEPS, SAMPLES, rows, new long[] {250}));
        }
        return new Curves(List.of("up", "flat"), List.of(1L, 2L), COLUMNS, runs);
    }

    static Verdict judge(String line) {
        Expectation e = new ExpectationParser(Set.of("up", "flat")).parse(line);
        return new ExpectationEvaluator(curves()).judge(e);
    }

    @Test
    void everyOperatorAtEnd() {
        // up at end: 0.41, 0.42 (mean 0.415); flat: 0.5
        assertThat(judge("up: accuracy < flat: accuracy at end").pass()).isTrue();
        assertThat(judge("up: accuracy <= flat: accuracy at end").pass()).isTrue();
        assertThat(judge("up: accuracy > flat: accuracy at end").pass()).isFalse();
        assertThat(judge("up: accuracy >= flat: accuracy at end").pass()).isFalse();
        assertThat(judge("flat: accuracy >= 0.5 at end").pass()).isTrue();
        assertThat(judge("flat: accuracy > 0.5 at end").pass()).isFalse();
        assertThat(judge("flat: accuracy <= 0.5 at start").pass()).isTrue();
    }

    @Test
    void aFactorScalesItsSide() {
        // 2 * 0.415 = 0.83 > 0.5
        assertThat(judge("2 * up: accuracy > flat: accuracy at end").pass()).isTrue();
        assertThat(judge("0.5 * up: accuracy > 0.25 at end").pass()).isFalse();
    }

    @Test
    void theMeasuredValuesAreTheMeanAndSdOverSeeds() {
        Verdict v = judge("up: accuracy < flat: accuracy at end");
        Verdict.Measured up = v.measured().get(0);
        assertThat(up.perSeed()).containsExactly(new double[] {0.41, 0.42}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(up.mean()).isCloseTo(0.415, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(up.sd()).isCloseTo(Math.sqrt(2 * 0.005 * 0.005), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void pointsPickTheirSnapshot() {
        // step 250 -> the snapshot at 200 (row 1: 0.11, 0.12); samples 399 -> row 2 (0.21, 0.22)
        assertThat(judge("up: accuracy < 0.13 at step 250").pass()).isTrue();
        assertThat(judge("up: accuracy > 0.2 at samples 399").pass()).isTrue();
        assertThat(judge("up: accuracy > 0.2 at samples 300").pass()).isTrue();
        // shift 1 at sample 250: the last snapshot before it is row 1, the first after it row 2
        assertThat(judge("up: accuracy < 0.13 at shift 1").pass()).isTrue();
        assertThat(judge("up: accuracy > 0.2 at after shift 1").pass()).isTrue();
        // first accuracy >= 0.3: row 3 in both seeds (0.31, 0.32); sharpness there 7
        assertThat(judge("up: sharpness <= 7 at first accuracy >= 0.3").pass()).isTrue();
        assertThat(judge("up: sharpness < 7 at first accuracy >= 0.3").pass()).isFalse();
    }

    @Test
    void risesAndFalls() {
        assertThat(judge("up: accuracy rises").pass()).isTrue();
        assertThat(judge("up: accuracy falls").pass()).isFalse();
        assertThat(judge("up: sharpness falls between step 200 and step 400").pass()).isTrue();
        assertThat(judge("up: accuracy rises after accuracy >= 0.2").pass()).isTrue();
        // flat does not rise, so "every variant" fails, naming it
        Verdict all = judge("accuracy rises");
        assertThat(all.pass()).isFalse();
        assertThat(all.reason()).startsWith("flat:");
        assertThat(all.measured()).hasSize(4);
    }

    @Test
    void inEverySeedJudgesEachSeed() {
        // means: 0.415 > 0.415? no. Seed 2 alone is above 0.415
        assertThat(judge("up: accuracy > 0.405 at end in every seed").pass()).isTrue();
        Verdict v = judge("up: accuracy > 0.415 at end in every seed");
        assertThat(v.pass()).isFalse();
        assertThat(v.reason()).contains("seed #1");
    }

    @Test
    void aMissingValueFailsWithNoValue() {
        Verdict nan = judge("flat: sharpness < 100 at end");
        assertThat(nan.pass()).isFalse();
        assertThat(nan.reason()).startsWith("no value");
        assertThat(judge("up: accuracy > 0 at shift 2").reason()).startsWith("no value");
        assertThat(judge("up: accuracy > 0 at first accuracy > 5").reason()).startsWith("no value");
        assertThat(judge("up: layer3.feature-rank > 0 at end").reason()).startsWith("no value");
        assertThat(judge("up: accuracy > 0 at step 50").reason()).startsWith("no value");
    }
}

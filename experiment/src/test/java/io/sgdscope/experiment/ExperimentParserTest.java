package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed experiment file fails naming its key path, file and line. */
class ExperimentParserTest {

    static final String GOOD = """
            name: tiny
            title: Tiny
            claim: a claim
            citation: somebody
            scenario: default
            scenario-overrides: { producer.dimension: 8 }
            data:
              mode: replay
              samples: 100
              epochs: 3
              batch-size: full
            model: linear:8-2
            variants:
              a: { optimizer: sgd, learning-rate: 0.1 }
              b: "optimizer=sam,sam-rho=0.05"
            seeds: [4, 5]
            metrics:
              every: 1
            quick:
              samples: 50
            expect:
              - "a: accuracy >= b: accuracy at end"
              - "2 * a: loss < 1 at step 2"
              - "loss falls after accuracy >= 0.5 in every seed"
            """;

    @TempDir
    Path dir;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aGoodFileParsesIntoItsSpec() throws Exception {
        ExperimentSpec s = ExperimentParser.parse(write(GOOD));
        assertThat(s.name()).isEqualTo("tiny");
        assertThat(s.scenarioOverrides()).containsEntry("producer.dimension", "8");
        assertThat(s.data()).isEqualTo(new ExperimentSpec.Data(ExperimentSpec.Mode.REPLAY, 100, 3, 0));
        assertThat(s.data().effectiveBatchSize()).isEqualTo(100);
        assertThat(s.variants()).containsExactly(java.util.Map.entry("a", "learning-rate=0.1,optimizer=sgd"),
                java.util.Map.entry("b", "optimizer=sam,sam-rho=0.05"));
        assertThat(s.seeds()).containsExactly(4L, 5L);
        assertThat(s.expectations()).hasSize(3);
        assertThat(s.expectations().get(2)).isInstanceOf(Expectation.Trend.class);
        assertThat(s.onQuickBudget().data().samples()).isEqualTo(50);
    }

    /** The key path, the file and the 1-based line of the bad value. */
    private void failsAt(String yaml, String key, int line, String... words) throws Exception {
        Path f = write(yaml);
        assertThatThrownBy(() -> ExperimentParser.parse(f))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(f + ":" + line)
                .hasMessageContaining(words.length == 0 ? "" : words[0]);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() throws Exception {
        failsAt(GOOD.replace("  every: 1", "  every: 1\n  evrey: 2"), "metrics.evrey", 19, "unknown key");
    }

    @Test
    void aWrongTypeIsNamedWithItsLine() throws Exception {
        failsAt(GOOD.replace("samples: 100", "samples: many"), "data.samples", 9, "integer");
    }

    @Test
    void anUnknownVariantOptionIsNamed() throws Exception {
        failsAt(GOOD.replace("learning-rate: 0.1 }", "learning-rat: 0.1 }"), "variants.a.learning-rat", 14,
                "unknown variant option");
    }

    @Test
    void aBadOptionValueIsNamedWithTheVariantsLine() throws Exception {
        failsAt(GOOD.replace("sam-rho=0.05", "sam-rho=-1"), "variants.b", 15, "sam-rho");
        failsAt(GOOD.replace("model: linear:8-2", "model: linear:8"), "model", 12, "");
    }

    @Test
    void anExpectationNamingAnUnknownVariantGivesItsIndexLineAndColumn() throws Exception {
        failsAt(GOOD.replace("a: accuracy >= b:", "a: accuracy >= c:"), "expect[0]", 22, "unknown variant 'c'");
        assertThatThrownBy(() -> ExperimentParser.parse(write(GOOD.replace("a: accuracy >= b:", "a: accuracy >= c:"))))
                .hasMessageContaining("column 16");
    }

    @Test
    void anExpectationNamingAnUnknownMetricFails() throws Exception {
        failsAt(GOOD.replace("2 * a: loss", "2 * a: los"), "expect[1]", 23, "unknown metric 'los'");
    }

    @Test
    void badGrammarFails() throws Exception {
        failsAt(GOOD.replace("at step 2", "at stp 2"), "expect[1]", 23, "expected a point");
        failsAt(GOOD.replace("loss falls after", "loss plummets after"), "expect[2]", 24, "'rises' or 'falls'");
        failsAt(GOOD.replace("at end\"", "\""), "expect[0]", 22, "expected 'at'");
        failsAt(GOOD.replace("accuracy >= 0.5", "accuracy = 1"), "expect[2]", 24, "never exact");
    }

    @Test
    void aFullBatchNeedsReplay() throws Exception {
        failsAt(GOOD.replace("mode: replay", "mode: stream").replace("  epochs: 3\n", ""), "data.batch-size", 10,
                "full needs mode replay");
    }

    @Test
    void aMissingRequiredKeyIsNamed() throws Exception {
        Path f = write(GOOD.replace("citation: somebody\n", ""));
        assertThatThrownBy(() -> ExperimentParser.parse(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'citation'").hasMessageContaining(f.toString());
    }
}

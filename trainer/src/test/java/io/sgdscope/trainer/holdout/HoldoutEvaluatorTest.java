package io.sgdscope.trainer.holdout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutEvaluatorTest {

    private static Sample sample(String id, float x0, int y) {
        return new Sample(id, "h", 0, new float[] {x0, 0}, Label.ofClass(y), null);
    }

    /** linear:2-2 is one sigmoid unit: W = (1, 0), b = 0 gives p1 = σ(x0). */
    private static final float[] PARAMS = {1, 0, 0};
    private static final ModelSpec SPEC = ModelSpec.parse("linear:2-2");
    private static final HoldoutSet SET = new HoldoutSet(List.of(sample("a", 2, 1), sample("b", -1, 1),
            sample("c", -3, 0)), 10, "three");

    @Test
    void accuracyAndLogLossByHand() {
        HoldoutScore s = new HoldoutEvaluator(SET, new FastExecutor(SPEC), SPEC.task()).evaluate(7, PARAMS);
        assertThat(s.step()).isEqualTo(7);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        // −log σ(2), −log σ(−1), −log(1 − σ(−3)) = log1p(e^−2), log1p(e^1), log1p(e^−3)
        double expected = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(1)) + Math.log1p(Math.exp(-3))) / 3;
        assertThat(s.loss()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void evaluatesOncePerMultipleOfItsPeriod() {
        HoldoutEvaluator e = new HoldoutEvaluator(SET, new FastExecutor(SPEC), SPEC.task());
        assertThat(e.scoreAt(5, PARAMS)).isEqualTo(HoldoutScore.NONE);
        assertThat(e.scoreAt(12, PARAMS).step()).isEqualTo(12);
        // parameters that get every sample wrong are not looked at until step 20
        float[] wrong = {-1, 0, 0};
        assertThat(e.scoreAt(19, wrong).step()).isEqualTo(12);
        assertThat(e.scoreAt(19, wrong).accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        HoldoutScore at20 = e.scoreAt(20, wrong);
        assertThat(at20.step()).isEqualTo(20);
        assertThat(at20.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void aSampleOfTheWrongWidthIsRefusedAtOnce() {
        HoldoutSet wide = new HoldoutSet(List.of(new Sample("w", "h", 0, new float[3], Label.ofClass(0), null)), 1, "w");
        assertThatThrownBy(() -> new HoldoutEvaluator(wide, new FastExecutor(SPEC), SPEC.task()))
                .hasMessageContaining("held-out sample w has 3 features, the model takes 2");
    }

    @Test
    void configIsOffWithoutASourceAndNamesItsKeys() {
        assertThat(HoldoutConfig.from(RawConfig.empty()).enabled()).isFalse();
        assertThat(HoldoutSet.load(HoldoutConfig.from(RawConfig.empty()))).isSameAs(HoldoutSet.NONE);
        assertThatThrownBy(() -> HoldoutConfig.from(RawConfig.of(Map.of(HoldoutConfig.SIZE, "0"), "f.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HoldoutConfig.SIZE);
        HoldoutConfig missing = HoldoutConfig.from(RawConfig.of(Map.of(
                HoldoutConfig.SOURCE_PREFIX + "type", "idx",
                HoldoutConfig.SOURCE_PREFIX + "images", "/nonexistent/t10k-images",
                HoldoutConfig.SOURCE_PREFIX + "labels", "/nonexistent/t10k-labels"), "f.yaml"));
        assertThat(missing.enabled()).isTrue();
        assertThatThrownBy(() -> HoldoutSet.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("trainer.holdout.source").hasMessageContaining("images");
    }

    @Test
    void aSyntheticSourceGivesTheConfiguredNumberOfSamples() {
        HoldoutSet s = HoldoutSet.load(HoldoutConfig.from(RawConfig.of(Map.of(
                HoldoutConfig.SOURCE_PREFIX + "type", "gaussian-mixture",
                HoldoutConfig.SIZE, "50"), "f.yaml")));
        assertThat(s.size()).isEqualTo(50);
        assertThat(s.samples()).allSatisfy(x -> assertThat(x.label()).isNotNull());
    }
}

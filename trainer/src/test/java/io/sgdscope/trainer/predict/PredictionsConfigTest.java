package io.sgdscope.trainer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionsConfigTest {

    private static PredictionsConfig parse(Map<String, String> values) {
        return PredictionsConfig.from(RawConfig.of(values, "test"));
    }

    private static PredictionRecord record(String variant, boolean labelled) {
        return new PredictionRecord("id", "s", variant, 1, Prediction.ofValue(0), 0, 0, labelled);
    }

    @Test
    void defaultsPublishEveryVariantsUnlabelledSamples() {
        PredictionsConfig c = parse(Map.of());
        assertThat(c).isEqualTo(PredictionsConfig.DEFAULTS);
        assertThat(c.mode()).isEqualTo(PredictionsConfig.Mode.UNLABELLED);
        assertThat(c.publishes(record("sgd", false))).isTrue();
        assertThat(c.publishes(record("sgd", true))).isFalse();
    }

    @Test
    void modeAndVariantsSelectWhatReachesTheSink() {
        PredictionsConfig c = parse(Map.of(PredictionsConfig.MODE, "all", PredictionsConfig.VARIANTS, " sam , sgd,"));
        assertThat(c.variants()).containsExactly("sam", "sgd");
        List<PredictionRecord> seen = new ArrayList<>();
        PredictionSink sink = c.select(seen::add);
        sink.accept(record("sgd", true));
        sink.accept(record("sam", false));
        sink.accept(record("momentum", false));
        assertThat(seen).extracting(PredictionRecord::variant).containsExactly("sgd", "sam");
    }

    @Test
    void theSelectingSinkSaysBeforehandWhatItKeeps() {
        PredictionSink unlabelled = parse(Map.of(PredictionsConfig.VARIANTS, "sgd")).select(r -> { });
        assertThat(unlabelled.wants(false, "sgd")).isTrue();
        assertThat(unlabelled.wants(true, "sgd")).isFalse();
        assertThat(unlabelled.wants(false, "sam")).isFalse();
    }

    @Test
    void theSelectingSinkPassesFlushOn() {
        int[] flushes = {0};
        PredictionSink counting = new PredictionSink() {
            @Override
            public void accept(PredictionRecord r) {
            }

            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        parse(Map.of(PredictionsConfig.MODE, "unlabelled")).select(counting).flush();
        assertThat(flushes[0]).isEqualTo(1);
    }

    @Test
    void noneSelectsTheSinkThatPublishesNothing() {
        PredictionsConfig c = parse(Map.of(PredictionsConfig.MODE, "none"));
        assertThat(c.enabled()).isFalse();
        assertThat(c.select(r -> { throw new AssertionError("published " + r); })).isSameAs(PredictionSink.NONE);
    }

    @Test
    void errorsNameTheirKey() {
        assertThatThrownBy(() -> parse(Map.of(PredictionsConfig.MODE, "labelled")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PredictionsConfig.MODE)
                .hasMessageContaining("unlabelled");
        assertThatThrownBy(() -> new PredictionsConfig(null, Set.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PredictionsConfig.MODE);
        assertThatThrownBy(() -> new PredictionsConfig(PredictionsConfig.Mode.ALL, Set.of(" sgd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PredictionsConfig.VARIANTS);
    }

    @Test
    void theTrainerRejectsAVariantItDoesNotTrain() {
        RawConfig raw = RawConfig.of(Map.of("trainer.variants.sgd", "optimizer=sgd", "trainer.variants.sam", "optimizer=sam",
                PredictionsConfig.VARIANTS, "sgd,adam"), "test");
        assertThatThrownBy(() -> TrainerConfig.from(raw)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(PredictionsConfig.VARIANTS).hasMessageContaining("'adam'")
                .hasMessageContaining("[sam, sgd]");
        assertThat(TrainerConfig.from(raw.with(PredictionsConfig.VARIANTS, "sam", "test")).predictions().variants())
                .containsExactly("sam");
        assertThat(TrainerConfig.ALL_KEYS).containsAll(PredictionsConfig.KEYS);
    }
}

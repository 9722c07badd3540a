package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.eval.PendingLimits;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.optim.OptimizerSettings;
import io.sgdscope.trainer.optim.SamOptimizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

    static TrainerConfig config(Map<String, String> values) {
        return TrainerConfig.from(RawConfig.of(values, "test"));
    }

    @Test
    void withoutVariantsTheBaseSettingsAreTheOneVariant() {
        List<VariantSpec> variants = config(Map.of()).variantSpecs();
        assertThat(variants).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("sgd");
            assertThat(v.model().toString()).startsWith("linear:64-2");
            assertThat(v.batchSize()).isEqualTo(1);
            assertThat(v.executor()).isEqualTo(ExecutorKind.AUTO);
            assertThat(v.optimizer().learningRate()).isEqualTo(0.05);
        });
    }

    @Test
    void variantsOverrideTheBaseAndKeepTheRest() {
        TrainerConfig cfg = config(Map.of(
                TrainerConfig.MODEL, "mlp:8-16-3,act=tanh",
                TrainerConfig.LEARNING_RATE, "0.2",
                TrainerConfig.BATCH_SIZE, "4",
                "trainer.variants.sam", "optimizer=sam,sam-rho=0.1,sam-micro-batch=2",
                "trainer.variants.noisy",
                "optimizer=label-noise-sgd,label-noise=0.2,learning-rate=0.05,init=0.01,executor=dl4j"));
        List<VariantSpec> v = cfg.variantSpecs();
        assertThat(v).extracting(VariantSpec::name).containsExactly("noisy", "sam");
        VariantSpec noisy = v.get(0);
        assertThat(noisy.optimizer().kind()).isEqualTo(OptimizerSettings.Kind.LABEL_NOISE_SGD);
        assertThat(noisy.optimizer().learningRate()).isEqualTo(0.05);
        assertThat(noisy.model().initScale()).isEqualTo(0.01);
        assertThat(noisy.executor()).isEqualTo(ExecutorKind.DL4J);
        assertThat(noisy.optimizer().labelNoise()).isEqualTo(0.2);
        VariantSpec sam = v.get(1);
        assertThat(sam.optimizer().learningRate()).isEqualTo(0.2);
        assertThat(sam.batchSize()).isEqualTo(4);
        assertThat(sam.model().initScale()).isEqualTo(1.0);
        assertThat(sam.optimizer().kind()).isEqualTo(OptimizerSettings.Kind.SAM);
        // the runtime optimizer is built later, once per model, from these settings
        assertThat(sam.optimizer().create(sam.model().task(), 1)).isInstanceOf(SamOptimizer.class)
                .satisfies(o -> assertThat(o.settings()).containsEntry("rho", 0.1).containsEntry("micro-batch", 2));
    }

    @Test
    void aBadVariantFailsAtStartupNamingItsKey() {
        assertThatThrownBy(() -> config(Map.of("trainer.variants.fast", "opt=adam")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trainer.variants.fast").hasMessageContaining("adam");
        assertThatThrownBy(() -> config(Map.of("trainer.variants.x", "colour=red")))
                .hasMessageContaining("trainer.variants.x").hasMessageContaining("colour");
        assertThatThrownBy(() -> config(Map.of("trainer.variants.y", "lr=fast")))
                .hasMessageContaining("trainer.variants.y").hasMessageContaining("lr=fast")
                .hasMessageContaining("learning-rate");
    }

    @Test
    void pendingPredictionLimitsDefaultAndAreReadAndCheckedUnderTheirKeys() {
        assertThat(config(Map.of()).pending()).isEqualTo(PendingLimits.DEFAULTS);
        assertThat(PendingLimits.DEFAULTS.maxCount()).isEqualTo(100_000);
        assertThat(PendingLimits.DEFAULTS.maxAge()).isEqualTo(Duration.ofHours(1));
        TrainerConfig c = config(Map.of(PendingLimits.MAX_COUNT, "500", PendingLimits.MAX_AGE, "90s"));
        assertThat(c.pending()).isEqualTo(new PendingLimits(500, Duration.ofSeconds(90)));
        assertThat(TrainerConfig.ALL_KEYS).contains(PendingLimits.MAX_COUNT, PendingLimits.MAX_AGE);
        assertThatThrownBy(() -> config(Map.of(PendingLimits.MAX_COUNT, "-2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PendingLimits.MAX_COUNT);
        assertThatThrownBy(() -> config(Map.of(PendingLimits.MAX_AGE, "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PendingLimits.MAX_AGE);
    }

    @Test
    void badBaseSettingsNameTheirKeys() {
        assertThatThrownBy(() -> config(Map.of(TrainerConfig.MODEL, "cnn:3-3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(TrainerConfig.MODEL);
        assertThatThrownBy(() -> config(Map.of(TrainerConfig.OPTIMIZER, "adam")))
                .hasMessageContaining(TrainerConfig.OPTIMIZER);
        assertThatThrownBy(() -> config(Map.of(TrainerConfig.BATCH_SIZE, "0")))
                .hasMessageContaining(TrainerConfig.BATCH_SIZE);
        assertThatThrownBy(() -> config(Map.of("trainer.checkpoint-keep", "0")))
                .hasMessageContaining("trainer.checkpoint-keep");
    }

    @Test
    void variantFlagsSplitIntoNameAndOptions() {
        assertThat(VariantSpec.splitFlag("sgd-lr0.1:opt=sgd,lr=0.1"))
                .isEqualTo(Map.entry("sgd-lr0.1", "opt=sgd,lr=0.1"));
        assertThat(VariantSpec.splitFlag("plain")).isEqualTo(Map.entry("plain", ""));
    }
}

package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.Executors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one vocabulary: every setting read the same way as {@code trainer.<word>} and as a variant option. */
class TrainingSettingTest {

    /** A valid value for each setting that differs from its default. */
    static final Map<TrainingSetting, String> VALID = new EnumMap<>(Map.ofEntries(
            Map.entry(TrainingSetting.OPTIMIZER, "nesterov"),
            Map.entry(TrainingSetting.LEARNING_RATE, "0.125"),
            Map.entry(TrainingSetting.MOMENTUM, "0.5"),
            Map.entry(TrainingSetting.WEIGHT_DECAY, "0.001"),
            Map.entry(TrainingSetting.SAM_RHO, "0.2"),
            Map.entry(TrainingSetting.SAM_MICRO_BATCH, "4"),
            Map.entry(TrainingSetting.LABEL_NOISE, "0.3"),
            Map.entry(TrainingSetting.SCHEDULE, "large-then-decay"),
            Map.entry(TrainingSetting.SCHEDULE_STEPS, "500"),
            Map.entry(TrainingSetting.SCHEDULE_GAMMA, "0.5"),
            Map.entry(TrainingSetting.WARMUP, "20"),
            Map.entry(TrainingSetting.BATCH_SIZE, "8"),
            Map.entry(TrainingSetting.EXECUTOR, "dl4j"),
            Map.entry(TrainingSetting.SEED, "7"),
            Map.entry(TrainingSetting.INIT, "0.01"),
            Map.entry(TrainingSetting.DIVERGENCE_LR_FACTOR, "0.25")));

    /** A value of the right shape but out of range, or not of the setting's type. */
    static final Map<TrainingSetting, String> INVALID = new EnumMap<>(Map.ofEntries(
            Map.entry(TrainingSetting.OPTIMIZER, "adam"),
            Map.entry(TrainingSetting.LEARNING_RATE, "0"),
            Map.entry(TrainingSetting.MOMENTUM, "1"),
            Map.entry(TrainingSetting.WEIGHT_DECAY, "-0.1"),
            Map.entry(TrainingSetting.SAM_RHO, "0"),
            Map.entry(TrainingSetting.SAM_MICRO_BATCH, "-1"),
            Map.entry(TrainingSetting.LABEL_NOISE, "-0.5"),
            Map.entry(TrainingSetting.SCHEDULE, "linear"),
            Map.entry(TrainingSetting.SCHEDULE_STEPS, "0"),
            Map.entry(TrainingSetting.SCHEDULE_GAMMA, "1.5"),
            Map.entry(TrainingSetting.WARMUP, "-1"),
            Map.entry(TrainingSetting.BATCH_SIZE, "0"),
            Map.entry(TrainingSetting.EXECUTOR, "gpu"),
            Map.entry(TrainingSetting.SEED, "1.5"),
            Map.entry(TrainingSetting.INIT, "0"),
            Map.entry(TrainingSetting.DIVERGENCE_LR_FACTOR, "2")));

    static TrainerConfig config(Map<String, String> values) {
        return TrainerConfig.from(RawConfig.of(values, "test"));
    }

    static VariantSpec variant(String options) {
        return config(Map.of("trainer.variants.v", options)).variantSpecs().get(0);
    }

    @Test
    void theSampleTablesCoverEverySetting() {
        assertThat(VALID.keySet()).containsExactlyInAnyOrder(TrainingSetting.values());
        assertThat(INVALID.keySet()).containsExactlyInAnyOrder(TrainingSetting.values());
    }

    @Test
    void everyTrainerKeyHasTheSameNamedVariantOptionAndMeansTheSame() {
        for (TrainingSetting s : TrainingSetting.values()) {
            String value = VALID.get(s);
            assertThat(TrainerConfig.KEYS).contains("trainer." + s.word());
            VariantSpec fromKey = config(Map.of("trainer." + s.word(), value)).variantSpecs().get(0);
            VariantSpec fromOption = variant(s.word() + "=" + value);
            assertThat(fromKey.settings()).as(s.word()).isEqualTo(fromOption.settings());
            assertThat(s.valueIn(fromOption)).as(s.word()).isNotEqualTo(s.defaultValue());
            assertThat(TrainingSetting.byName(s.word())).contains(s);
        }
    }

    @Test
    void aValueReadsBackInTheSameWord() {
        for (TrainingSetting s : TrainingSetting.values()) {
            VariantSpec v = variant(s.word() + "=" + VALID.get(s));
            assertThat(variant(s.word() + "=" + s.valueIn(v))).as(s.word()).isEqualTo(v);
        }
    }

    @Test
    void anAliasAndItsFullWordGiveEqualVariants() {
        int aliases = 0;
        for (TrainingSetting s : TrainingSetting.values()) {
            for (String alias : s.aliases()) {
                assertThat(variant(alias + "=" + VALID.get(s))).as(alias).isEqualTo(variant(s.word() + "=" + VALID.get(s)));
                assertThat(TrainingSetting.byName(alias.toUpperCase())).contains(s);
                aliases++;
            }
        }
        assertThat(aliases).isGreaterThanOrEqualTo(8);
        // the first version's variant strings still mean what they meant
        assertThat(variant("opt=sam,rho=0.05,lr=0.1,m=2,wd=0.01,noise=0.2,gamma=0.5,batch=4"))
                .isEqualTo(variant("optimizer=sam,sam-rho=0.05,learning-rate=0.1,sam-micro-batch=2,weight-decay=0.01,"
                        + "label-noise=0.2,schedule-gamma=0.5,batch-size=4"));
    }

    @Test
    void noAliasIsAlsoAWordOrAnotherSettingsAlias() {
        List<String> names = Stream.concat(Arrays.stream(TrainingSetting.values()).map(TrainingSetting::word),
                Arrays.stream(TrainingSetting.values()).flatMap(s -> s.aliases().stream())).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownOptionListsTheValidWords() {
        assertThatThrownBy(() -> variant("colour=red"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trainer.variants.v").hasMessageContaining("colour")
                .satisfies(e -> {
                    for (TrainingSetting s : TrainingSetting.values()) {
                        assertThat(e.getMessage()).contains(s.word());
                    }
                });
    }

    @Test
    void anOptionSetTwiceThroughAnAliasIsRejected() {
        assertThatThrownBy(() -> variant("lr=0.1,learning-rate=0.2"))
                .hasMessageContaining("trainer.variants.v").hasMessageContaining("twice");
    }

    @Test
    void anInvalidVariantValueNamesTheVariantKeyAndTheSetting() {
        for (TrainingSetting s : TrainingSetting.values()) {
            assertThatThrownBy(() -> variant(s.word() + "=" + INVALID.get(s)))
                    .as(s.word()).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("trainer.variants.v"))
                    .hasMessageContaining(s.word()).hasMessageContaining("(from test)");
        }
    }

    @Test
    void anInvalidBaseValueNamesItsTrainerKey() {
        for (TrainingSetting s : TrainingSetting.values()) {
            assertThatThrownBy(() -> config(Map.of(s.key(), INVALID.get(s))))
                    .as(s.key()).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(s.key()))
                    .hasMessageContaining("(from test)");
        }
    }

    @Test
    void aCombinationIsCheckedByTheSettingItDependsOn() {
        assertThatThrownBy(() -> config(Map.of("trainer.optimizer", "nesterov", "trainer.momentum", "0")))
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("trainer.momentum"));
        // a flip probability above 1 only makes sense for regression
        assertThatThrownBy(() -> variant("optimizer=label-noise-sgd,label-noise=2"))
                .hasMessageContaining("trainer.variants.v").hasMessageContaining("label-noise");
        Map<String, String> regression = new HashMap<>(Map.of("trainer.model", "linear:8-1",
                "trainer.variants.v", "optimizer=label-noise-sgd,label-noise=2"));
        assertThat(config(regression).variantSpecs().get(0).optimizer().labelNoise()).isEqualTo(2.0);
    }

    @Test
    void settingsShowEveryWordAndTheExecutorThatRuns() {
        VariantSpec small = variant("batch-size=1");
        VariantSpec large = variant("batch-size=" + Executors.AUTO_DL4J_MIN_BATCH);
        assertThat(small.executor()).isEqualTo(ExecutorKind.AUTO);
        assertThat(small.settings()).containsKey("model")
                .containsKeys(Arrays.stream(TrainingSetting.values()).map(TrainingSetting::word).toArray(String[]::new))
                .containsEntry("executor", "fast");
        assertThat(large.settings()).containsEntry("executor", "dl4j");
        assertThat(config(Map.of("trainer.variants.a", "lr=0.5", "trainer.variants.b", "opt=sam")).resolvedSettings())
                .containsEntry("variant.a.learning-rate", "0.5")
                .containsEntry("variant.a.optimizer", "sgd")
                .containsEntry("variant.b.optimizer", "sam")
                .containsEntry("variant.b.executor", "fast")
                .hasSize(2 * (TrainingSetting.values().length + 1));
    }

    @Test
    void theReadmeTableHasARowForEveryWordWithItsAliases() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (TrainingSetting s : TrainingSetting.values()) {
            String alias = s.aliases().isEmpty() ? "" : "`" + String.join("`, `", s.aliases()) + "` ";
            assertThat(readme).contains("| `" + s.word() + "` | " + alias + "|");
        }
    }

    /**
     * Parsing the config must not build runtime objects to see if they fail. The config classes'
     * bytecode names no optimizer, schedule builder or executor factory.
     */
    @Test
    void theConfigClassesBuildNoOptimizer() throws IOException, URISyntaxException {
        Path dir = Path.of(TrainerConfig.class.getResource("TrainerConfig.class").toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(p -> p.getFileName().toString().matches(
                    "(TrainerConfig|VariantSpec|TrainingSetting)(\\$.*)?\\.class")).toList();
        }
        assertThat(classes).extracting(p -> p.getFileName().toString())
                .contains("TrainerConfig.class", "VariantSpec.class", "TrainingSetting.class");
        for (Path c : classes) {
            String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(c.getFileName().toString())
                    .doesNotContainPattern("io/sgdscope/trainer/optim/Optimizer(?!Settings)")
                    .doesNotContain("SgdOptimizer").doesNotContain("SamOptimizer").doesNotContain("LabelNoiseOptimizer")
                    .doesNotContain("newSchedule").doesNotContain("ModelExecutor");
        }
    }
}

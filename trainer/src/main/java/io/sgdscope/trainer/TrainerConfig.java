package io.sgdscope.trainer;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.drift.DriftSettings;
import io.sgdscope.trainer.eval.PendingLimits;
import io.sgdscope.trainer.holdout.HoldoutConfig;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.InvalidSettingException;
import io.sgdscope.trainer.predict.PredictionsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Settings of the trainer service, parsed once: the model, and the variants it trains. The base
 * settings {@code trainer.<word>} (see {@link TrainingSetting}) define the default variant; each
 * entry under {@code trainer.variants.<name>} is a variant that overrides some of them in the same
 * words (see {@link VariantSpec}). Without entries, the base settings are the one variant.
 */
public record TrainerConfig(ModelSpec model, List<VariantSpec> variantSpecs,
                            CheckpointConfig checkpoint, boolean stopAtEnd,
                            String groupId, int window, double fadingFactor, InsightConfig metrics,
                            DriftSettings drift, PendingLimits pending, PredictionsConfig predictions,
                            HoldoutConfig holdout) {

    public static final String MODEL = "trainer.model";
    public static final String EXECUTOR = TrainingSetting.EXECUTOR.key();
    public static final String BATCH_SIZE = TrainingSetting.BATCH_SIZE.key();
    public static final String OPTIMIZER = TrainingSetting.OPTIMIZER.key();
    public static final String LEARNING_RATE = TrainingSetting.LEARNING_RATE.key();
    public static final String SEED = TrainingSetting.SEED.key();
    /** Prefix: {@code trainer.variants.<name>: optimizer=sam,sam-rho=0.05}. */
    public static final String VARIANTS_PREFIX = "trainer.variants.";
    public static final String STOP_AT_END = "trainer.stop-at-end";
    public static final String GROUP_ID = "trainer.group-id";
    public static final String WINDOW = "trainer.window";
    public static final String FADING_FACTOR = "trainer.fading-factor";
    public static final Set<String> KEYS = union(
            Set.of(MODEL, STOP_AT_END, GROUP_ID, WINDOW, FADING_FACTOR,
                    CheckpointConfig.DIR, CheckpointConfig.EVERY_SAMPLES, CheckpointConfig.INTERVAL, CheckpointConfig.KEEP),
            Arrays.stream(TrainingSetting.values()).map(TrainingSetting::key).collect(Collectors.toSet()));
    /** Every key the trainer reads: its own, the metrics', the drift detectors', the pending and the published predictions'. */
    public static final Set<String> ALL_KEYS = union(KEYS, InsightConfig.KEYS, DriftSettings.KEYS, PendingLimits.KEYS,
            PredictionsConfig.KEYS, HoldoutConfig.KEYS);
    public static final Set<String> PREFIXES = Set.of(VARIANTS_PREFIX, HoldoutConfig.SOURCE_PREFIX);

    public static final String DEFAULT_MODEL = "linear:64-2";

    public TrainerConfig {
        variantSpecs = List.copyOf(variantSpecs);
        Objects.requireNonNull(pending, "pending");
        if (variantSpecs.isEmpty()) {
            throw new IllegalArgumentException("a trainer needs at least one variant");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new ConfigException(GROUP_ID, "must not be empty");
        }
        if (window < 1) {
            throw new ConfigException(WINDOW, "must be >= 1, got " + window);
        }
        if (!(fadingFactor > 0 && fadingFactor < 1)) {
            throw new ConfigException(FADING_FACTOR, "must be in (0, 1), got " + fadingFactor);
        }
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(holdout, "holdout");
        predictions.requireKnownVariants(variantSpecs.stream().map(VariantSpec::name).toList());
    }

    /**
     * Parses the model, the base settings and every variant, once. A bad value fails here with a
     * {@link ConfigException} naming its key ({@code trainer.learning-rate} or
     * {@code trainer.variants.sam}) and where it came from.
     */
    public static TrainerConfig from(RawConfig raw) {
        ModelSpec model;
        try {
            model = ModelSpec.parse(raw.string(MODEL, DEFAULT_MODEL));
        } catch (IllegalArgumentException e) {
            throw bad(raw, MODEL, e.getMessage());
        }
        VariantSpec base = baseVariant(raw, model);
        return new TrainerConfig(base.model(), variants(raw, base),
                CheckpointConfig.from(raw),
                raw.booleanValue(STOP_AT_END, false),
                raw.string(GROUP_ID, "sgdscope-trainer"),
                raw.intValue(WINDOW, 1000, 1, 10_000_000),
                raw.doubleValue(FADING_FACTOR, 0.999, 0, 1),
                InsightConfig.from(raw),
                DriftSettings.from(raw),
                PendingLimits.from(raw),
                PredictionsConfig.from(raw),
                HoldoutConfig.from(raw));
    }

    /** The defaults overridden by every {@code trainer.<word>} that is set; named after its optimizer. */
    private static VariantSpec baseVariant(RawConfig raw, ModelSpec model) {
        VariantSpec.Draft draft = new VariantSpec.Draft(VariantSpec.defaults());
        draft.model = model;
        for (TrainingSetting s : TrainingSetting.values()) {
            if (raw.contains(s.key())) {
                try {
                    s.set(draft, raw.string(s.key(), ""));
                } catch (InvalidSettingException e) {
                    throw bad(raw, s.key(), e.getMessage());
                }
            }
        }
        try {
            // the default variant is named after its optimizer
            return draft.build(TrainingSetting.label(draft.kind));
        } catch (InvalidSettingException e) {
            throw bad(raw, TrainingSetting.KEY_PREFIX + e.setting(), e.getMessage());
        }
    }

    private static List<VariantSpec> variants(RawConfig raw, VariantSpec base) {
        Map<String, String> configured = new TreeMap<>(raw.section(VARIANTS_PREFIX));
        if (configured.isEmpty()) {
            return List.of(base);
        }
        List<VariantSpec> list = new ArrayList<>();
        configured.forEach((name, options) -> {
            try {
                list.add(VariantSpec.parse(name, options, base));
            } catch (IllegalArgumentException e) {
                throw bad(raw, VARIANTS_PREFIX + name, e.getMessage());
            }
        });
        return list;
    }

    private static ConfigException bad(RawConfig raw, String key, String problem) {
        ConfigValue v = raw.entries().get(key);
        return new ConfigException(key, problem + (v == null ? "" : " (from " + v.origin() + ")"));
    }

    /**
     * Every variant's resolved settings as {@code variant.<name>.<word>}: what provenance and
     * {@code --print-config} record, beside the raw keys that produced them.
     */
    public Map<String, String> resolvedSettings() {
        Map<String, String> m = new TreeMap<>();
        for (VariantSpec v : variantSpecs) {
            v.settings().forEach((word, value) -> m.put("variant." + v.name() + "." + word, value));
        }
        return m;
    }

    /** The same settings in another consumer group: several trainers side by side in one process. */
    public TrainerConfig withGroupId(String id) {
        return new TrainerConfig(model, variantSpecs, checkpoint,
                stopAtEnd, id, window, fadingFactor, metrics, drift, pending, predictions, holdout);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

}

package io.sgdscope.trainer;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.checkpoint.CheckpointConfig;
import io.sgdscope.trainer.drift.DriftSettings;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the trainer service. The base settings define the default variant; each entry
 * under {@code trainer.variants.<name>} is a variant that overrides some of them
 * (see {@link VariantSpec}).
 */
public record TrainerConfig(String model, ExecutorKind executor, int batchSize, OptimizerSettings optimizer,
                            long seed, double divergenceLrFactor, Map<String, String> variants,
                            CheckpointConfig checkpoint, boolean stopAtEnd,
                            String groupId, int window, double fadingFactor, InsightConfig metrics,
                            DriftSettings drift) {

    public static final String MODEL = "trainer.model";
    public static final String EXECUTOR = "trainer.executor";
    public static final String BATCH_SIZE = "trainer.batch-size";
    public static final String OPTIMIZER = "trainer.optimizer";
    public static final String LEARNING_RATE = "trainer.learning-rate";
    public static final String MOMENTUM = "trainer.momentum";
    public static final String WEIGHT_DECAY = "trainer.weight-decay";
    public static final String SAM_RHO = "trainer.sam-rho";
    public static final String SAM_MICRO_BATCH = "trainer.sam-micro-batch";
    public static final String LABEL_NOISE = "trainer.label-noise";
    public static final String SCHEDULE = "trainer.schedule";
    public static final String SCHEDULE_STEPS = "trainer.schedule-steps";
    public static final String SCHEDULE_GAMMA = "trainer.schedule-gamma";
    public static final String WARMUP = "trainer.warmup";
    public static final String SEED = "trainer.seed";
    public static final String DIVERGENCE_LR_FACTOR = "trainer.divergence-lr-factor";
    /** Prefix: {@code trainer.variants.<name>: opt=sam,rho=0.05}. */
    public static final String VARIANTS_PREFIX = "trainer.variants.";
    public static final String STOP_AT_END = "trainer.stop-at-end";
    public static final String GROUP_ID = "trainer.group-id";
    public static final String WINDOW = "trainer.window";
    public static final String FADING_FACTOR = "trainer.fading-factor";
    public static final Set<String> KEYS = Set.of(MODEL, EXECUTOR, BATCH_SIZE, OPTIMIZER, LEARNING_RATE, MOMENTUM,
            WEIGHT_DECAY, SAM_RHO, SAM_MICRO_BATCH, LABEL_NOISE, SCHEDULE, SCHEDULE_STEPS, SCHEDULE_GAMMA, WARMUP, SEED,
            DIVERGENCE_LR_FACTOR, STOP_AT_END, GROUP_ID, WINDOW, FADING_FACTOR,
            CheckpointConfig.DIR, CheckpointConfig.EVERY_SAMPLES, CheckpointConfig.INTERVAL, CheckpointConfig.KEEP);
    /** Every key the trainer reads: its own, the metrics' and the drift detectors'. */
    public static final Set<String> ALL_KEYS = union(KEYS, InsightConfig.KEYS, DriftSettings.KEYS);
    public static final Set<String> PREFIXES = Set.of(VARIANTS_PREFIX);

    public static final String DEFAULT_MODEL = "linear:64-2";

    public TrainerConfig {
        variants = Map.copyOf(variants);
        if (groupId == null || groupId.isBlank()) {
            throw new ConfigException(GROUP_ID, "must not be empty");
        }
        if (window < 1) {
            throw new ConfigException(WINDOW, "must be >= 1, got " + window);
        }
        if (!(fadingFactor > 0 && fadingFactor < 1)) {
            throw new ConfigException(FADING_FACTOR, "must be in (0, 1), got " + fadingFactor);
        }
        if (batchSize < 1) {
            throw new ConfigException(BATCH_SIZE, "must be >= 1, got " + batchSize);
        }
        if (!(divergenceLrFactor > 0 && divergenceLrFactor <= 1)) {
            throw new ConfigException(DIVERGENCE_LR_FACTOR, "must be in (0, 1], got " + divergenceLrFactor);
        }
    }

    public static TrainerConfig from(RawConfig raw) {
        String model = raw.string(MODEL, DEFAULT_MODEL);
        try {
            ModelSpec.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MODEL, e.getMessage());
        }
        OptimizerSettings optimizer;
        OptimizerSettings.Kind kind;
        try {
            kind = OptimizerSettings.Kind.parse(raw.string(OPTIMIZER, "sgd"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(OPTIMIZER, e.getMessage());
        }
        try {
            optimizer = new OptimizerSettings(kind,
                    raw.doubleValue(LEARNING_RATE, 0.05, Double.MIN_NORMAL, 1e6),
                    raw.doubleValue(MOMENTUM, 0.9, 0, 0.9999),
                    raw.doubleValue(WEIGHT_DECAY, 0, 0, 1e6),
                    raw.doubleValue(SAM_RHO, 0.05, Double.MIN_NORMAL, 1e6),
                    raw.intValue(SAM_MICRO_BATCH, 0, 0, 1 << 20),
                    raw.doubleValue(LABEL_NOISE, 0.1, 0, 1e6),
                    raw.enumValue(SCHEDULE, LearningRateSchedule.Kind.class, LearningRateSchedule.Kind.CONSTANT),
                    raw.longValue(SCHEDULE_STEPS, 10_000, 1, Long.MAX_VALUE),
                    raw.doubleValue(SCHEDULE_GAMMA, 0.1, Double.MIN_NORMAL, 1),
                    raw.longValue(WARMUP, 0, 0, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(OPTIMIZER, e.getMessage());
        }
        TrainerConfig cfg = new TrainerConfig(model,
                raw.enumValue(EXECUTOR, ExecutorKind.class, ExecutorKind.AUTO),
                raw.intValue(BATCH_SIZE, 1, 1, 1 << 16),
                optimizer,
                raw.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE),
                raw.doubleValue(DIVERGENCE_LR_FACTOR, 0.5, Double.MIN_NORMAL, 1),
                raw.section(VARIANTS_PREFIX),
                CheckpointConfig.from(raw),
                raw.booleanValue(STOP_AT_END, false),
                raw.string(GROUP_ID, "sgdscope-trainer"),
                raw.intValue(WINDOW, 1000, 1, 10_000_000),
                raw.doubleValue(FADING_FACTOR, 0.999, 0, 1),
                InsightConfig.from(raw),
                DriftSettings.from(raw));
        cfg.variantSpecs(); // a bad variant fails at startup, naming its key
        return cfg;
    }

    /** The variants this trainer runs: the configured ones, or one built from the base settings. */
    public java.util.List<VariantSpec> variantSpecs() {
        return VariantSpec.all(this);
    }

    public TrainerConfig withGroupId(String id) {
        return new TrainerConfig(model, executor, batchSize, optimizer, seed, divergenceLrFactor, variants, checkpoint,
                stopAtEnd, id, window, fadingFactor, metrics, drift);
    }

    public TrainerConfig withCheckpoint(CheckpointConfig c) {
        return new TrainerConfig(model, executor, batchSize, optimizer, seed, divergenceLrFactor, variants, c,
                stopAtEnd, groupId, window, fadingFactor, metrics, drift);
    }

    public TrainerConfig withMetrics(InsightConfig m) {
        return new TrainerConfig(model, executor, batchSize, optimizer, seed, divergenceLrFactor, variants, checkpoint,
                stopAtEnd, groupId, window, fadingFactor, m, drift);
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

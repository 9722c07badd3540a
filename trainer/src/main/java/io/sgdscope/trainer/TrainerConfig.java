package io.sgdscope.trainer;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Set;

/** Settings of the trainer service. */
public record TrainerConfig(ModelKind model, int dimension, double learningRate, String groupId,
                            int window, double fadingFactor) {

    public enum ModelKind { LOGISTIC }

    public static final String MODEL = "trainer.model";
    public static final String DIMENSION = "trainer.dimension";
    public static final String LEARNING_RATE = "trainer.learning-rate";
    public static final String GROUP_ID = "trainer.group-id";
    public static final String WINDOW = "trainer.window";
    public static final String FADING_FACTOR = "trainer.fading-factor";
    public static final Set<String> KEYS = Set.of(MODEL, DIMENSION, LEARNING_RATE, GROUP_ID, WINDOW, FADING_FACTOR);

    public TrainerConfig {
        if (dimension < 1) {
            throw new ConfigException(DIMENSION, "must be >= 1, got " + dimension);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new ConfigException(LEARNING_RATE, "must be > 0, got " + learningRate);
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
    }

    public static TrainerConfig from(RawConfig raw) {
        return new TrainerConfig(
                raw.enumValue(MODEL, ModelKind.class, ModelKind.LOGISTIC),
                raw.intValue(DIMENSION, 64, 1, 1 << 20),
                raw.doubleValue(LEARNING_RATE, 0.05, Double.MIN_NORMAL, 1e6),
                raw.string(GROUP_ID, "sgdscope-trainer"),
                raw.intValue(WINDOW, 1000, 1, 10_000_000),
                raw.doubleValue(FADING_FACTOR, 0.999, 0, 1));
    }

    public TrainerConfig withGroupId(String id) {
        return new TrainerConfig(model, dimension, learningRate, id, window, fadingFactor);
    }

    /** The {@code model} metric tag. */
    public String modelName() {
        return model.name().toLowerCase(java.util.Locale.ROOT);
    }
}

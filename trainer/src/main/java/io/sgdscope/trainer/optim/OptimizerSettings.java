package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Task;
import java.util.Locale;

/**
 * Everything that defines an optimizer and its learning-rate schedule, as configured.
 * {@code momentum} applies to MOMENTUM and NESTEROV; SAM and label-noise SGD step with plain SGD
 * plus weight decay underneath.
 */
public record OptimizerSettings(Kind kind, double learningRate, double momentum, double weightDecay,
                                double samRho, int samMicroBatch, double labelNoise,
                                LearningRateSchedule.Kind schedule, long scheduleSteps, double gamma, long warmup) {

    public enum Kind {
        SGD, MOMENTUM, NESTEROV, SAM, LABEL_NOISE_SGD;

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label().equals(s.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd, momentum, nesterov, sam "
                    + "or label-noise-sgd");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The largest learning rate accepted; anything above it is a typo. */
    public static final double MAX_LEARNING_RATE = 1e6;

    /**
     * Fails on the first out-of-range setting, naming its word; builds nothing. The optimizers
     * and {@link LearningRateSchedule#of} check again, as every constructor guards itself.
     */
    public OptimizerSettings {
        if (kind == null || schedule == null) {
            String missing = kind == null ? "optimizer" : "schedule";
            throw new InvalidSettingException(missing, "must be set");
        }
        if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
            throw new InvalidSettingException("learning-rate", "must be in (0, " + MAX_LEARNING_RATE + "], got "
                    + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidSettingException("momentum", "must be in [0, 1), got " + momentum);
        }
        if (kind == Kind.NESTEROV && momentum == 0) {
            throw new InvalidSettingException("momentum", "must be > 0 for nesterov");
        }
        requireFinite("weight-decay", weightDecay, false);
        requireFinite("sam-rho", samRho, true);
        if (samMicroBatch < 0) {
            throw new InvalidSettingException("sam-micro-batch", "must be >= 0 (0 = the whole batch), got "
                    + samMicroBatch);
        }
        // a flip probability (<= 1) for classification, a standard deviation for regression: the
        // variant, which knows the task, checks the upper bound
        requireFinite("label-noise", labelNoise, false);
        if (scheduleSteps < 1) {
            throw new InvalidSettingException("schedule-steps", "must be >= 1, got " + scheduleSteps);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidSettingException("schedule-gamma", "must be in (0, 1], got " + gamma);
        }
        if (warmup < 0) {
            throw new InvalidSettingException("warmup", "must be >= 0, got " + warmup);
        }
    }

    /** The settings used where nothing is configured. */
    public static OptimizerSettings defaults() {
        return new OptimizerSettings(Kind.SGD, 0.05, 0.9, 0, 0.05, 0, 0.1, LearningRateSchedule.Kind.CONSTANT,
                10_000, 0.1, 0);
    }

    private static void requireFinite(String setting, double value, boolean positive) {
        if (!(positive ? value > 0 : value >= 0) || Double.isInfinite(value)) {
            throw new InvalidSettingException(setting, "must be a finite number " + (positive ? "> 0" : ">= 0")
                    + ", got " + value);
        }
    }

    /** The runtime optimizer, with fresh state; called once per model, never to validate. */
    public Optimizer create(Task task, long seed) {
        SgdOptimizer plainWithDecay = new SgdOptimizer(0, false, weightDecay);
        return switch (kind) {
            case SGD -> plainWithDecay;
            case MOMENTUM -> new SgdOptimizer(momentum, false, weightDecay);
            case NESTEROV -> new SgdOptimizer(momentum, true, weightDecay);
            case SAM -> new SamOptimizer(samRho, samMicroBatch, plainWithDecay);
            case LABEL_NOISE_SGD -> new LabelNoiseOptimizer(task, labelNoise, seed, plainWithDecay);
        };
    }

    public LearningRateSchedule newSchedule() {
        return LearningRateSchedule.of(schedule, learningRate, scheduleSteps, gamma, warmup);
    }
}

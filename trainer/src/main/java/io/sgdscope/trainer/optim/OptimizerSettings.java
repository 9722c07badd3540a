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

    /** Fails on the first inconsistent setting, before any model is built. */
    public OptimizerSettings {
        // fields are not assigned yet in a compact constructor: validate from the parameters
        LearningRateSchedule.of(schedule, learningRate, scheduleSteps, gamma, warmup);
        build(kind, momentum, weightDecay, samRho, samMicroBatch, labelNoise,
                labelNoise <= 1 ? Task.binary() : Task.regression(), 0);
    }

    public Optimizer create(Task task, long seed) {
        return build(kind, momentum, weightDecay, samRho, samMicroBatch, labelNoise, task, seed);
    }

    private static Optimizer build(Kind kind, double momentum, double weightDecay, double samRho, int samMicroBatch,
                                   double labelNoise, Task task, long seed) {
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

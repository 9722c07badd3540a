package io.sgdscope.trainer;

import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.Executors;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.InvalidSettingException;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One model variant trained side by side with others on the same stream: its name (the
 * {@code model} metric tag), architecture, executor, batch size, optimizer and seed. Written on
 * the command line as {@code name:optimizer=sam,sam-rho=0.05,learning-rate=0.1}, with the words of
 * {@link TrainingSetting} (or their aliases, {@code opt=sam,rho=0.05,lr=0.1}); unset options come
 * from the base trainer settings. Every value is checked here or in {@link OptimizerSettings},
 * without building an optimizer or an executor.
 */
public record VariantSpec(String name, ModelSpec model, ExecutorKind executor, int batchSize,
                          OptimizerSettings optimizer, long seed, double divergenceLrFactor) {

    public static final int MAX_BATCH_SIZE = 1 << 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ModelSpec DEFAULT_MODEL = ModelSpec.parse(TrainerConfig.DEFAULT_MODEL);

    public VariantSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("variant name '" + name + "' must be 1-64 of [A-Za-z0-9._-]");
        }
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("a variant needs a model and optimizer settings");
        }
        if (executor == null) {
            throw new InvalidSettingException(TrainingSetting.EXECUTOR.word(), "must be set");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new InvalidSettingException(TrainingSetting.BATCH_SIZE.word(),
                    "must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (!(divergenceLrFactor > 0 && divergenceLrFactor <= 1)) {
            throw new InvalidSettingException(TrainingSetting.DIVERGENCE_LR_FACTOR.word(),
                    "must be in (0, 1], got " + divergenceLrFactor);
        }
        // only the variant knows the task: a flip probability cannot exceed 1
        if (optimizer.kind() == OptimizerSettings.Kind.LABEL_NOISE_SGD && model.task() != null
                && model.task().isClassification() && optimizer.labelNoise() > 1) {
            throw new InvalidSettingException(TrainingSetting.LABEL_NOISE.word(), "is a flip probability for "
                    + "classification and must be <= 1, got " + optimizer.labelNoise());
        }
    }

    /** Every setting at its default, on the default model: what an empty config runs. */
    public static VariantSpec defaults() {
        return new VariantSpec("sgd", DEFAULT_MODEL, ExecutorKind.AUTO, 1, OptimizerSettings.defaults(), 42, 0.5);
    }

    /** The engine that will run this variant: {@code auto} resolved for its model and batch size. */
    public ExecutorKind effectiveExecutor() {
        return Executors.resolve(executor, model, batchSize);
    }

    /**
     * Every setting as it will run, in the words of {@link TrainingSetting} after {@code model}:
     * aliases resolved, defaults filled in, and {@code executor} the engine {@code auto} chose.
     */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        for (TrainingSetting s : TrainingSetting.values()) {
            m.put(s.word(), s.valueIn(this));
        }
        m.put(TrainingSetting.EXECUTOR.word(), TrainingSetting.label(effectiveExecutor()));
        return m;
    }

    /** {@code name:options} as given to {@code --variant}. */
    public static Map.Entry<String, String> splitFlag(String flag) {
        int colon = flag.indexOf(':');
        String name = colon < 0 ? flag : flag.substring(0, colon);
        return Map.entry(name.trim(), colon < 0 ? "" : flag.substring(colon + 1).trim());
    }

    /**
     * The variant {@code name} with {@code options} ({@code word=value,...}) applied over
     * {@code base}. Fails on an unknown or repeated option, or an invalid value.
     */
    static VariantSpec parse(String name, String options, VariantSpec base) {
        Draft d = new Draft(base);
        Set<TrainingSetting> seen = EnumSet.noneOf(TrainingSetting.class);
        for (String part : options.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            TrainingSetting setting = TrainingSetting.byName(kv[0]).orElseThrow(() -> new IllegalArgumentException(
                    "unknown option '" + part.trim() + "'; options are word=value with words "
                            + TrainingSetting.vocabulary()));
            if (kv.length != 2) {
                throw new IllegalArgumentException("option '" + part.trim() + "' must be " + setting.word() + "=value");
            }
            if (!seen.add(setting)) {
                throw new IllegalArgumentException("option '" + part.trim() + "' sets " + setting.word() + " twice");
            }
            try {
                setting.set(d, kv[1]);
            } catch (InvalidSettingException e) {
                throw new IllegalArgumentException("option '" + part.trim() + "': " + e.getMessage(), e);
            }
        }
        return d.build(name);
    }

    /** A variant being assembled from text, setting by setting; {@link #build} validates it. */
    static final class Draft {
        ModelSpec model;
        ExecutorKind executor;
        int batchSize;
        long seed;
        double divergenceLrFactor;
        /** Null keeps the model's own init scale. */
        Double initScale;
        OptimizerSettings.Kind kind;
        double learningRate;
        double momentum;
        double weightDecay;
        double samRho;
        int samMicroBatch;
        double labelNoise;
        LearningRateSchedule.Kind schedule;
        long scheduleSteps;
        double gamma;
        long warmup;

        Draft(VariantSpec from) {
            model = from.model;
            executor = from.executor;
            batchSize = from.batchSize;
            seed = from.seed;
            divergenceLrFactor = from.divergenceLrFactor;
            OptimizerSettings o = from.optimizer;
            kind = o.kind();
            learningRate = o.learningRate();
            momentum = o.momentum();
            weightDecay = o.weightDecay();
            samRho = o.samRho();
            samMicroBatch = o.samMicroBatch();
            labelNoise = o.labelNoise();
            schedule = o.schedule();
            scheduleSteps = o.scheduleSteps();
            gamma = o.gamma();
            warmup = o.warmup();
        }

        VariantSpec build(String name) {
            ModelSpec m = model;
            if (initScale != null) {
                try {
                    m = model.withInitScale(initScale);
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(TrainingSetting.INIT.word(), "must be > 0, got " + initScale);
                }
            }
            return new VariantSpec(name, m, executor, batchSize, new OptimizerSettings(kind, learningRate, momentum,
                    weightDecay, samRho, samMicroBatch, labelNoise, schedule, scheduleSteps, gamma, warmup),
                    seed, divergenceLrFactor);
        }
    }
}

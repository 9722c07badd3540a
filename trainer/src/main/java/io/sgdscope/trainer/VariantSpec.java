package io.sgdscope.trainer;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One model variant trained side by side with others on the same stream: its name (the
 * {@code model} metric tag), architecture, executor, batch size, optimizer and seed. Written on
 * the command line as {@code name:opt=sam,rho=0.05,lr=0.1}; unset options come from the base
 * trainer settings.
 */
public record VariantSpec(String name, ModelSpec model, ExecutorKind executor, int batchSize,
                          OptimizerSettings optimizer, long seed, double divergenceLrFactor) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final List<String> OPTIONS = List.of("opt", "lr", "momentum", "wd", "rho", "m", "noise", "schedule",
            "schedule-steps", "gamma", "warmup", "batch", "executor", "seed", "init");

    public VariantSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("variant name '" + name + "' must be 1-64 of [A-Za-z0-9._-]");
        }
    }

    static List<VariantSpec> all(TrainerConfig cfg) {
        if (cfg.variants().isEmpty()) {
            return List.of(parse(cfg.optimizer().kind().label(), "", cfg));
        }
        List<VariantSpec> list = new ArrayList<>();
        new TreeMap<>(cfg.variants()).forEach((name, options) -> list.add(parse(name, options, cfg)));
        return List.copyOf(list);
    }

    /** {@code name:options} as given to {@code --variant}. */
    public static Map.Entry<String, String> splitFlag(String flag) {
        int colon = flag.indexOf(':');
        String name = colon < 0 ? flag : flag.substring(0, colon);
        return Map.entry(name.trim(), colon < 0 ? "" : flag.substring(colon + 1).trim());
    }

    static VariantSpec parse(String name, String options, TrainerConfig base) {
        String key = TrainerConfig.VARIANTS_PREFIX + name;
        Map<String, String> o = new LinkedHashMap<>();
        for (String part : options.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            String k = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !OPTIONS.contains(k)) {
                throw new ConfigException(key, "bad option '" + part.trim() + "'; options are key=value with keys "
                        + String.join(", ", OPTIONS));
            }
            o.put(k, kv[1].trim());
        }
        try {
            OptimizerSettings b = base.optimizer();
            OptimizerSettings opt = new OptimizerSettings(
                    o.containsKey("opt") ? OptimizerSettings.Kind.parse(o.get("opt")) : b.kind(),
                    number(o, "lr", b.learningRate()),
                    number(o, "momentum", b.momentum()),
                    number(o, "wd", b.weightDecay()),
                    number(o, "rho", b.samRho()),
                    (int) number(o, "m", b.samMicroBatch()),
                    number(o, "noise", b.labelNoise()),
                    o.containsKey("schedule") ? LearningRateSchedule.Kind.valueOf(
                            o.get("schedule").toUpperCase(Locale.ROOT).replace('-', '_')) : b.schedule(),
                    (long) number(o, "schedule-steps", b.scheduleSteps()),
                    number(o, "gamma", b.gamma()),
                    (long) number(o, "warmup", b.warmup()));
            String modelText = base.model() + (o.containsKey("init") ? ",init=" + o.get("init") : "");
            return new VariantSpec(name, ModelSpec.parse(modelText),
                    o.containsKey("executor") ? ExecutorKind.valueOf(o.get("executor").toUpperCase(Locale.ROOT))
                            : base.executor(),
                    (int) number(o, "batch", base.batchSize()),
                    opt,
                    (long) number(o, "seed", base.seed()),
                    base.divergenceLrFactor());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(options.isEmpty() ? TrainerConfig.OPTIMIZER : key, e.getMessage());
        }
    }

    private static double number(Map<String, String> o, String k, double fallback) {
        String v = o.get(k);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + k + " must be a number, got '" + v + "'");
        }
    }
}

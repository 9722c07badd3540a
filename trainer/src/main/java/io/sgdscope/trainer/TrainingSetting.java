package io.sgdscope.trainer;

import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.optim.InvalidSettingException;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of what a variant can set. Each setting has one word, used both as the key
 * {@code trainer.<word>} (the base settings) and as a variant option ({@code sam:optimizer=sam});
 * a few have short aliases that resolve to the same entry. Parsing text into a {@link VariantSpec.Draft}
 * happens here and nowhere else; ranges are checked by the records the draft builds
 * ({@link OptimizerSettings}, {@link VariantSpec}), and defaults come from {@link VariantSpec#defaults}.
 */
public enum TrainingSetting {

    OPTIMIZER("optimizer", "sgd, momentum, nesterov, sam or label-noise-sgd", "opt") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.kind = choice(OptimizerSettings.Kind.class, text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return label(v.optimizer().kind());
        }
    },
    LEARNING_RATE("learning-rate", "step size eta, in (0, 1e6]", "lr") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.learningRate = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().learningRate());
        }
    },
    MOMENTUM("momentum", "mu of momentum and nesterov, in [0, 1)") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.momentum = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().momentum());
        }
    },
    WEIGHT_DECAY("weight-decay", "L2 coefficient added to every gradient, >= 0", "wd") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.weightDecay = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().weightDecay());
        }
    },
    SAM_RHO("sam-rho", "SAM's neighbourhood radius rho, > 0", "rho") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.samRho = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().samRho());
        }
    },
    SAM_MICRO_BATCH("sam-micro-batch", "SAM's m: samples per sharpness estimate, 0 = the whole batch", "m") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.samMicroBatch = integer(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Integer.toString(v.optimizer().samMicroBatch());
        }
    },
    LABEL_NOISE("label-noise", "label-noise-sgd's flip probability p <= 1 (classification) or target noise "
            + "delta (regression), >= 0", "noise") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.labelNoise = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().labelNoise());
        }
    },
    SCHEDULE("schedule", "learning-rate schedule: constant, step, cosine or large-then-decay") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.schedule = choice(LearningRateSchedule.Kind.class, text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return label(v.optimizer().schedule());
        }
    },
    SCHEDULE_STEPS("schedule-steps", "the schedule's period in steps, >= 1") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.scheduleSteps = longInteger(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Long.toString(v.optimizer().scheduleSteps());
        }
    },
    SCHEDULE_GAMMA("schedule-gamma", "the schedule's decay factor gamma, in (0, 1]", "gamma") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.gamma = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.optimizer().gamma());
        }
    },
    WARMUP("warmup", "steps of linear learning-rate warmup, >= 0") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.warmup = longInteger(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Long.toString(v.optimizer().warmup());
        }
    },
    BATCH_SIZE("batch-size", "samples per step, 1 to " + VariantSpec.MAX_BATCH_SIZE, "batch") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.batchSize = integer(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Integer.toString(v.batchSize());
        }
    },
    EXECUTOR("executor", "fast, dl4j or auto (fast below batch 128 unless the model is a dl4j: file)") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.executor = choice(ExecutorKind.class, text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return label(v.executor());
        }
    },
    SEED("seed", "seed of the initial weights and of the optimizer's noise") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.seed = longInteger(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Long.toString(v.seed());
        }
    },
    INIT("init", "scale alpha of the initial weights, > 0; overrides the init= of trainer.model") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.initScale = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.model().initScale());
        }
    },
    DIVERGENCE_LR_FACTOR("divergence-lr-factor", "learning-rate factor after each divergence, in (0, 1]") {
        @Override
        void parseInto(VariantSpec.Draft d, String text) {
            d.divergenceLrFactor = decimal(text);
        }

        @Override
        String valueIn(VariantSpec v) {
            return Double.toString(v.divergenceLrFactor());
        }
    };

    /** Where the base settings live: {@code trainer.<word>}. */
    public static final String KEY_PREFIX = "trainer.";

    private final String word;
    private final List<String> aliases;
    private final String doc;

    TrainingSetting(String word, String doc, String... aliases) {
        this.word = word;
        this.doc = doc;
        this.aliases = List.of(aliases);
    }

    /** The setting's name, as a variant option and after {@code trainer.}. */
    public String word() {
        return word;
    }

    /** Short names kept from the first version's variant syntax; they mean exactly {@link #word()}. */
    public List<String> aliases() {
        return aliases;
    }

    public String doc() {
        return doc;
    }

    /** The base setting's key, {@code trainer.<word>}. */
    public String key() {
        return KEY_PREFIX + word;
    }

    /** The value used when neither {@code trainer.<word>} nor the variant sets it. */
    public String defaultValue() {
        return valueIn(VariantSpec.defaults());
    }

    /** The setting named by its word or an alias, ignoring case. */
    public static Optional<TrainingSetting> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.word.equals(n) || s.aliases.contains(n)).findFirst();
    }

    /** Every word, then every alias with what it stands for: for error messages and help. */
    public static String vocabulary() {
        StringBuilder sb = new StringBuilder(String.join(", ", Arrays.stream(values()).map(s -> s.word).toList()));
        sb.append(" (aliases: ");
        String sep = "";
        for (TrainingSetting s : values()) {
            for (String a : s.aliases) {
                sb.append(sep).append(a).append(" = ").append(s.word);
                sep = ", ";
            }
        }
        return sb.append(')').toString();
    }

    /** Parses {@code text} into the draft; fails naming this setting when the text is not of its type. */
    void set(VariantSpec.Draft d, String text) {
        try {
            parseInto(d, text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(word, "must be a number, got '" + text.trim() + "'");
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(word, e.getMessage());
        }
    }

    abstract void parseInto(VariantSpec.Draft d, String text);

    /** This setting's value in a resolved variant, in the form {@link #set} reads. */
    abstract String valueIn(VariantSpec v);

    private static double decimal(String text) {
        return Double.parseDouble(text);
    }

    private static long longInteger(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer, got '" + text + "'");
        }
    }

    private static int integer(String text) {
        long n = longInteger(text);
        if (n != (int) n) {
            throw new IllegalArgumentException("is out of range, got " + text);
        }
        return (int) n;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (label(e).equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                .map(TrainingSetting::label).toList() + ", got '" + text + "'");
    }

    /** An enum constant as written in config: {@code LABEL_NOISE_SGD} is {@code label-noise-sgd}. */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

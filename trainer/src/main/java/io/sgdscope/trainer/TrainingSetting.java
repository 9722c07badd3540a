package io.sgdscope.trainer;

import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.optim.InvalidSettingException;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one table of what a variant can set. Each setting has one word, used both as the key
 * {@code trainer.<word>} (the base settings) and as a variant option ({@code sam:optimizer=sam});
 * a few have short aliases that resolve to the same entry. Parsing text into a {@link VariantSpec.Draft}
 * happens here and nowhere else; ranges are checked by the records the draft builds
 * ({@link OptimizerSettings}, {@link VariantSpec}), and defaults come from {@link VariantSpec#defaults}.
 */
public enum TrainingSetting {

    OPTIMIZER("optimizer", "sgd, momentum, nesterov, sam or label-noise-sgd",
            choice(OptimizerSettings.Kind.class, (d, x) -> d.kind = x, v -> v.optimizer().kind()), "opt"),
    LEARNING_RATE("learning-rate", "step size eta, in (0, 1e6]",
            decimal((d, x) -> d.learningRate = x, v -> v.optimizer().learningRate()), "lr"),
    MOMENTUM("momentum", "mu of momentum and nesterov, in [0, 1)",
            decimal((d, x) -> d.momentum = x, v -> v.optimizer().momentum())),
    WEIGHT_DECAY("weight-decay", "L2 coefficient added to every gradient, >= 0",
            decimal((d, x) -> d.weightDecay = x, v -> v.optimizer().weightDecay()), "wd"),
    SAM_RHO("sam-rho", "SAM's neighbourhood radius rho, > 0",
            decimal((d, x) -> d.samRho = x, v -> v.optimizer().samRho()), "rho"),
    SAM_MICRO_BATCH("sam-micro-batch", "SAM's m: samples per sharpness estimate, 0 = the whole batch",
            integer((d, x) -> d.samMicroBatch = x, v -> v.optimizer().samMicroBatch()), "m"),
    LABEL_NOISE("label-noise", "label-noise-sgd's flip probability p <= 1 (classification) or target noise "
            + "delta (regression), >= 0",
            decimal((d, x) -> d.labelNoise = x, v -> v.optimizer().labelNoise()), "noise"),
    SCHEDULE("schedule", "learning-rate schedule: constant, step, cosine or large-then-decay",
            choice(LearningRateSchedule.Kind.class, (d, x) -> d.schedule = x, v -> v.optimizer().schedule())),
    SCHEDULE_STEPS("schedule-steps", "the schedule's period in steps, >= 1",
            longInteger((d, x) -> d.scheduleSteps = x, v -> v.optimizer().scheduleSteps())),
    SCHEDULE_GAMMA("schedule-gamma", "the schedule's decay factor gamma, in (0, 1]",
            decimal((d, x) -> d.gamma = x, v -> v.optimizer().gamma()), "gamma"),
    WARMUP("warmup", "steps of linear learning-rate warmup, >= 0",
            longInteger((d, x) -> d.warmup = x, v -> v.optimizer().warmup())),
    BATCH_SIZE("batch-size", "samples per step, 1 to " + VariantSpec.MAX_BATCH_SIZE,
            integer((d, x) -> d.batchSize = x, v -> v.batchSize()), "batch"),
    EXECUTOR("executor", "fast, dl4j or auto (fast below batch 128 unless the model is a dl4j: file)",
            choice(ExecutorKind.class, (d, x) -> d.executor = x, v -> v.executor())),
    SEED("seed", "seed of the initial weights and of the optimizer's noise",
            longInteger((d, x) -> d.seed = x, v -> v.seed())),
    INIT("init", "scale alpha of the initial weights, > 0; overrides the init= of trainer.model",
            decimal((d, x) -> d.initScale = x, v -> v.model().initScale())),
    DIVERGENCE_LR_FACTOR("divergence-lr-factor", "learning-rate factor after each divergence, in (0, 1]",
            decimal((d, x) -> d.divergenceLrFactor = x, v -> v.divergenceLrFactor()));

    /** Where the base settings live: {@code trainer.<word>}. */
    public static final String KEY_PREFIX = "trainer.";

    private final String word;
    private final List<String> aliases;
    private final String doc;
    private final Field<?> field;

    TrainingSetting(String word, String doc, Field<?> field, String... aliases) {
        this.word = word;
        this.doc = doc;
        this.field = field;
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
            field.parseInto(d, text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(word, "must be a number, got '" + text.trim() + "'");
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(word, e.getMessage());
        }
    }

    /** This setting's value in a resolved variant, in the form {@link #set} reads. */
    String valueIn(VariantSpec v) {
        return field.valueIn(v);
    }

    /**
     * How one setting is read from text into a draft and shown from a resolved variant; the
     * factories below give one per value type, so a setting is one line of the table.
     */
    private record Field<T>(Function<String, T> parse, BiConsumer<VariantSpec.Draft, T> set,
                            Function<VariantSpec, T> get, Function<T, String> show) {

        void parseInto(VariantSpec.Draft d, String text) {
            set.accept(d, parse.apply(text));
        }

        String valueIn(VariantSpec v) {
            return show.apply(get.apply(v));
        }
    }

    private static Field<Double> decimal(BiConsumer<VariantSpec.Draft, Double> set, Function<VariantSpec, Double> get) {
        return new Field<>(Double::parseDouble, set, get, d -> Double.toString(d));
    }

    private static Field<Long> longInteger(BiConsumer<VariantSpec.Draft, Long> set, Function<VariantSpec, Long> get) {
        return new Field<>(TrainingSetting::longInteger, set, get, n -> Long.toString(n));
    }

    private static Field<Integer> integer(BiConsumer<VariantSpec.Draft, Integer> set,
                                          Function<VariantSpec, Integer> get) {
        return new Field<>(TrainingSetting::integer, set, get, n -> Integer.toString(n));
    }

    private static <E extends Enum<E>> Field<E> choice(Class<E> type, BiConsumer<VariantSpec.Draft, E> set,
                                                       Function<VariantSpec, E> get) {
        return new Field<>(text -> choice(type, text), set, get, TrainingSetting::label);
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

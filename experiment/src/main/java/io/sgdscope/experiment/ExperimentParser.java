package io.sgdscope.experiment;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.ConfigValue;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.experiment.ExperimentSpec.Budget;
import io.sgdscope.experiment.ExperimentSpec.Data;
import io.sgdscope.experiment.ExperimentSpec.Mode;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainingSetting;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an experiment file strictly: an unknown key, a value of the wrong type, an unknown variant
 * option, metric or variant in an expectation, or a line that does not parse fails with a
 * {@link ConfigException} naming the key path ({@code expect[2]}), the file and the line (and for an
 * expectation the column). The YAML is read by {@link RawConfig}, which keeps each value's line.
 */
public final class ExperimentParser {

    private static final Set<String> SCALARS = Set.of("name", "title", "claim", "citation", "scenario", "model",
            "data.mode", "data.samples", "data.epochs", "data.batch-size", "metrics.every", "metrics.window",
            "quick.samples", "quick.epochs", "quick.every");
    private static final Set<String> REQUIRED = Set.of("name", "title", "claim", "citation", "scenario", "model",
            "data.samples", "metrics.every");
    private static final Pattern LIST_ITEM = Pattern.compile("(seeds|expect)\\[(\\d+)]");
    private static final Pattern VARIANT_KEY = Pattern.compile("variants\\.([^.]+)(?:\\.(.+))?");
    private static final String OVERRIDES = "scenario-overrides.";

    private ExperimentParser() {
    }

    public static ExperimentSpec parse(Path file) {
        return parse(RawConfig.fromYaml(file), file.toString());
    }

    public static ExperimentSpec parse(InputStream in, String name) {
        return parse(RawConfig.fromYaml(in, name), name);
    }

    static ExperimentSpec parse(RawConfig raw, String origin) {
        Map<String, ConfigValue> entries = raw.entries();
        if (entries.isEmpty()) {
            throw new ConfigException("(root)", "experiment file " + origin + " is empty");
        }
        Map<String, String> overrides = new TreeMap<>();
        Map<String, Map<String, String>> variantWords = new LinkedHashMap<>();
        Map<String, String> variantOrigin = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            String key = e.getKey();
            if (SCALARS.contains(key) || LIST_ITEM.matcher(key).matches()) {
                continue;
            }
            if (key.startsWith(OVERRIDES) && key.length() > OVERRIDES.length()) {
                overrides.put(key.substring(OVERRIDES.length()), e.getValue().value().trim());
                continue;
            }
            Matcher v = VARIANT_KEY.matcher(key);
            if (v.matches()) {
                String name = v.group(1);
                if (!ExperimentSpec.VARIANT.matcher(name).matches()) {
                    throw bad(key, e.getValue(), "a variant name is 1-64 of [A-Za-z0-9_-], starting with a letter or "
                            + "digit");
                }
                variantOrigin.putIfAbsent(name, e.getValue().origin());
                Map<String, String> words = variantWords.computeIfAbsent(name, n -> new LinkedHashMap<>());
                if (v.group(2) == null) {
                    // variants: { base: "" } or { sam: "optimizer=sam,sam-rho=0.1" }
                    if (!e.getValue().value().isBlank()) {
                        words.put("", e.getValue().value().trim());
                    }
                } else if (TrainingSetting.byName(v.group(2)).isEmpty()) {
                    throw bad(key, e.getValue(), "unknown variant option '" + v.group(2) + "'; options are "
                            + TrainingSetting.vocabulary());
                } else {
                    words.put(v.group(2), e.getValue().value().trim());
                }
                continue;
            }
            throw bad(key, e.getValue(), "unknown key; an experiment has name, title, claim, citation, scenario, "
                    + "scenario-overrides, data, model, variants, seeds, metrics, quick and expect");
        }
        for (String key : REQUIRED) {
            if (!raw.contains(key)) {
                throw new ConfigException(key, "is required in experiment file " + origin);
            }
        }
        String name = raw.string("name", "");
        if (!ExperimentSpec.NAME.matcher(name).matches()) {
            throw bad("name", entries.get("name"), "must be [a-z0-9-]+");
        }
        Data data = data(raw);
        String model = raw.string("model", "");
        try {
            io.sgdscope.trainer.model.ModelSpec.parse(model);
        } catch (IllegalArgumentException e) {
            throw bad("model", entries.get("model"), e.getMessage());
        }
        Map<String, String> variants = variants(raw, model, variantWords, variantOrigin, origin);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; raw.contains("seeds[" + i + "]"); i++) {
            seeds.add(raw.longValue("seeds[" + i + "]", 0, 0, Long.MAX_VALUE));
        }
        if (seeds.isEmpty()) {
            seeds.add(1L);
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw bad("seeds", entries.get("seeds[0]"), "must not repeat a seed, got " + seeds);
        }
        long every = raw.longValue("metrics.every", 0, 1, Long.MAX_VALUE);
        int window = raw.intValue("metrics.window", 0, 2, 1 << 16);
        Budget quick = null;
        if (raw.contains("quick.samples") || raw.contains("quick.epochs") || raw.contains("quick.every")) {
            quick = new Budget(raw.longValue("quick.samples", data.samples(), 1, Long.MAX_VALUE),
                    raw.intValue("quick.epochs", data.epochs(), 1, 1_000_000),
                    raw.longValue("quick.every", 0, 1, Long.MAX_VALUE));
        }
        ExpectationParser grammar = new ExpectationParser(variants.keySet());
        List<Expectation> expectations = new ArrayList<>();
        for (int i = 0; raw.contains("expect[" + i + "]"); i++) {
            String key = "expect[" + i + "]";
            try {
                expectations.add(grammar.parse(raw.string(key, "")));
            } catch (ExpectationParser.SyntaxException ex) {
                throw bad(key, entries.get(key), ex.getMessage());
            }
        }
        return new ExperimentSpec(name, raw.string("title", ""), raw.string("claim", ""), raw.string("citation", ""),
                raw.string("scenario", ""), overrides, data, model, variants, seeds, every, window, quick,
                expectations, origin);
    }

    private static Data data(RawConfig raw) {
        String modeText = raw.string("data.mode", "stream");
        Mode mode;
        try {
            mode = Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("data.mode", raw.entries().get("data.mode"), "must be stream, replay or file");
        }
        long samples = raw.longValue("data.samples", 0, mode == Mode.FILE ? 0 : 1, Long.MAX_VALUE);
        int epochs = raw.intValue("data.epochs", 1, 1, 1_000_000);
        if (epochs > 1 && mode != Mode.REPLAY) {
            throw bad("data.epochs", raw.entries().get("data.epochs"), "applies to mode replay only");
        }
        int batch;
        if ("full".equals(raw.string("data.batch-size", "1"))) {
            if (mode != Mode.REPLAY) {
                throw bad("data.batch-size", raw.entries().get("data.batch-size"), "full needs mode replay");
            }
            if (samples > io.sgdscope.trainer.VariantSpec.MAX_BATCH_SIZE) {
                throw bad("data.samples", raw.entries().get("data.samples"), "a full batch holds at most "
                        + io.sgdscope.trainer.VariantSpec.MAX_BATCH_SIZE + " samples");
            }
            batch = Data.FULL_BATCH;
        } else {
            batch = raw.intValue("data.batch-size", 1, 1, io.sgdscope.trainer.VariantSpec.MAX_BATCH_SIZE);
        }
        return new Data(mode, samples, epochs, batch);
    }

    /**
     * Each variant as {@code --variant} options, checked by the trainer's own parser: a bad value
     * fails here naming the variant's key and line, not when its job starts.
     */
    private static Map<String, String> variants(RawConfig raw, String model, Map<String, Map<String, String>> words,
                                                Map<String, String> origins, String file) {
        if (words.isEmpty()) {
            throw new ConfigException("variants", "needs at least one variant in experiment file " + file);
        }
        Map<String, String> out = new LinkedHashMap<>();
        words.forEach((name, opts) -> {
            List<String> parts = new ArrayList<>();
            opts.forEach((word, value) -> parts.add(word.isEmpty() ? value : word + "=" + value));
            String options = String.join(",", parts);
            out.put(name, options);
            try {
                TrainerConfig.from(RawConfig.of(Map.of(TrainerConfig.MODEL, model,
                        TrainerConfig.VARIANTS_PREFIX + name, options), origins.get(name)));
            } catch (ConfigException e) {
                // the trainer names its own key (trainer.variants.NAME) and the variant's line
                throw new ConfigException("variants." + name, e.getMessage().replaceFirst("^config key '[^']*': ", ""));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("variants." + name, e.getMessage() + " (from " + origins.get(name) + ")");
            }
        });
        return out;
    }

    private static ConfigException bad(String key, ConfigValue v, String problem) {
        return new ConfigException(key, problem + (v == null ? "" : " (from " + v.origin() + ")"));
    }
}

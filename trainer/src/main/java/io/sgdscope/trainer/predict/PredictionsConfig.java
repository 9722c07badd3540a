package io.sgdscope.trainer.predict;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which feature-time predictions the trainer publishes on {@code predictions}: {@code mode} says
 * which samples ({@code trainer.predictions}), {@code variants} whose models
 * ({@code trainer.predictions.variants}; empty means every variant). The trainer hands every
 * prediction to its sink; {@link #select} puts this choice in front of it.
 */
public record PredictionsConfig(Mode mode, Set<String> variants) {

    public static final String MODE = "trainer.predictions";
    public static final String VARIANTS = "trainer.predictions.variants";
    public static final Set<String> KEYS = Set.of(MODE, VARIANTS);

    /** Which samples' predictions are published. */
    public enum Mode {
        /** Every sample's: those that arrived unlabelled and those predicted just before they are learned. */
        ALL,
        /** Only samples that arrived without their label: the ones an application is waiting for. */
        UNLABELLED,
        /** None; no producer is created. */
        NONE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final PredictionsConfig DEFAULTS = new PredictionsConfig(Mode.UNLABELLED, Set.of());
    public static final PredictionsConfig OFF = new PredictionsConfig(Mode.NONE, Set.of());

    public PredictionsConfig {
        if (mode == null) {
            throw new ConfigException(MODE, "must be one of " + words());
        }
        if (variants == null) {
            throw new ConfigException(VARIANTS, "must be a list, possibly empty");
        }
        for (String v : variants) {
            if (v == null || v.isBlank() || !v.equals(v.trim())) {
                throw new ConfigException(VARIANTS, "variant names must be non-empty, without surrounding spaces, got '" + v + "'");
            }
        }
        variants = Collections.unmodifiableSortedSet(new TreeSet<>(variants));
    }

    /** Reads {@code trainer.predictions} (default {@code unlabelled}) and the comma list {@code trainer.predictions.variants}. */
    public static PredictionsConfig from(RawConfig raw) {
        Mode mode = raw.enumValue(MODE, Mode.class, Mode.UNLABELLED);
        Set<String> variants = new TreeSet<>();
        for (String name : raw.string(VARIANTS, "").split(",")) {
            if (!name.isBlank()) {
                variants.add(name.trim());
            }
        }
        return new PredictionsConfig(mode, variants);
    }

    /**
     * Fails naming {@link #VARIANTS} when it lists a variant that is not trained: a typo would
     * otherwise silently publish nothing.
     */
    public void requireKnownVariants(Collection<String> configured) {
        for (String v : variants) {
            if (!configured.contains(v)) {
                throw new ConfigException(VARIANTS, "names variant '" + v + "', which is not configured; the variants are "
                        + new TreeSet<>(configured));
            }
        }
    }

    /** Whether anything is published at all. */
    public boolean enabled() {
        return mode != Mode.NONE;
    }

    /** Whether {@code r} is one of the predictions to publish. */
    public boolean publishes(PredictionRecord r) {
        return publishes(r.labelled(), r.variant());
    }

    /** Whether a prediction of a sample that came labelled or not, by {@code variant}, is published. */
    public boolean publishes(boolean labelled, String variant) {
        boolean sample = switch (mode) {
            case ALL -> true;
            case UNLABELLED -> !labelled;
            case NONE -> false;
        };
        return sample && (variants.isEmpty() || variants.contains(variant));
    }

    /** {@code sink}, seeing only the predictions to publish; {@link PredictionSink#NONE} when none are. */
    public PredictionSink select(PredictionSink sink) {
        if (!enabled()) {
            return PredictionSink.NONE;
        }
        return new PredictionSink() {
            @Override
            public void accept(PredictionRecord r) {
                if (publishes(r)) {
                    sink.accept(r);
                }
            }

            @Override
            public void flush() {
                sink.flush();
            }

            @Override
            public boolean wants(boolean labelled, String variant) {
                return publishes(labelled, variant);
            }
        };
    }

    private static String words() {
        return Arrays.stream(Mode.values()).map(Mode::word).toList().toString();
    }
}

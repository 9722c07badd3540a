package io.sgdscope.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One experiment file, parsed and checked ({@link ExperimentParser}): a scenario fed to several
 * variants over several seeds, with the metric cadence and the expectations to judge.
 *
 * @param scenarioOverrides scenario config keys (dotted, e.g. {@code source.dimension}) over the scenario's own
 * @param variants          variant name to its options in the words of {@code --variant} ({@code optimizer=sam,...}),
 *                          by name
 * @param window            samples in the insight window, or 0 for the trainer's default
 * @param origin            the file (or resource) it was read from, for messages
 */
public record ExperimentSpec(String name, String title, String claim, String citation, String scenario,
                             Map<String, String> scenarioOverrides, Data data, String model,
                             Map<String, String> variants, List<Long> seeds, long every, int window,
                             Budget quick, List<Expectation> expectations, String origin) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** No dot: a variant name is one segment of a key path ({@code variants.sam.sam-rho}). */
    public static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** How the scenario's samples reach the models. */
    public enum Mode {
        /** Fresh samples, {@code samples} of them, each seen once. */
        STREAM,
        /** The first {@code samples} samples, {@code epochs} passes, reshuffled per epoch with the seed. */
        REPLAY,
        /** The scenario's file source read to its end (or {@code samples}, if set), once. */
        FILE
    }

    /**
     * @param samples   how many samples (stream), the replayed set's size (replay), a cap or 0 (file)
     * @param batchSize samples per step, or {@link #FULL_BATCH} for the whole replayed set
     */
    public record Data(Mode mode, long samples, int epochs, int batchSize) {
        public static final int FULL_BATCH = 0;

        public Data {
            Objects.requireNonNull(mode, "data.mode");
            if (samples < 0 || (mode != Mode.FILE && samples < 1)) {
                throw new IllegalArgumentException("data.samples must be >= 1, got " + samples);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("data.epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 0) {
                throw new IllegalArgumentException("data.batch-size must be >= 1 or full, got " + batchSize);
            }
        }

        public boolean fullBatch() {
            return batchSize == FULL_BATCH;
        }

        /** The batch size the trainer runs: the replayed set's size for a full batch. */
        public int effectiveBatchSize() {
            return fullBatch() ? (int) samples : batchSize;
        }
    }

    /** The reduced budget of {@code --quick}: samples, epochs, and optionally a metric cadence (0 = keep). */
    public record Budget(long samples, int epochs, long every) {
    }

    public ExperimentSpec {
        scenarioOverrides = Map.copyOf(scenarioOverrides);
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        seeds = List.copyOf(seeds);
        expectations = List.copyOf(expectations);
    }

    /** The same experiment on the {@code quick:} budget (unchanged if the file has none). */
    public ExperimentSpec onQuickBudget() {
        if (quick == null) {
            return this;
        }
        Data d = new Data(data.mode(), quick.samples(), quick.epochs(), data.batchSize());
        return new ExperimentSpec(name, title, claim, citation, scenario, scenarioOverrides, d, model, variants,
                seeds, quick.every() > 0 ? quick.every() : every, window, quick, expectations, origin);
    }

    /** The same experiment over other seeds. */
    public ExperimentSpec withSeeds(List<Long> other) {
        if (other.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        return new ExperimentSpec(name, title, claim, citation, scenario, scenarioOverrides, data, model, variants,
                other, every, window, quick, expectations, origin);
    }
}

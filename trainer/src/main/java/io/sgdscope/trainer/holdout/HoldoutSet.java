package io.sgdscope.trainer.holdout;

import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed set of labelled samples the trainer never learns from, and how often to evaluate it.
 * Built once, in-process, from a producer source spec ({@link HoldoutConfig}); shared read-only
 * by every model's inspector on the metrics thread.
 */
public final class HoldoutSet {

    /** No held-out set: nothing is evaluated. */
    public static final HoldoutSet NONE = new HoldoutSet(List.of(), Long.MAX_VALUE, "none");

    /** The salt of the held-out inputs' seed, so they are never the producer's draws. */
    static final long INPUT_SEED_SALT = 0x401DL;

    private final List<Sample> samples;
    private final long everySteps;
    private final String description;

    public HoldoutSet(List<Sample> samples, long everySteps, String description) {
        this.samples = List.copyOf(samples);
        for (Sample s : this.samples) {
            if (s.label() == null) {
                throw new IllegalArgumentException("held-out sample " + s.id() + " has no label");
            }
        }
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be >= 1, got " + everySteps);
        }
        this.everySteps = everySteps;
        this.description = description;
    }

    /**
     * Reads the first {@code size} labelled samples of the configured source (fewer if it ends
     * first), or {@link #NONE} when no source is configured.
     *
     * @throws ConfigException naming {@code trainer.holdout.source} if the source cannot be built or gives nothing
     */
    public static HoldoutSet load(HoldoutConfig config) {
        if (!config.enabled()) {
            return NONE;
        }
        long inputSeed = Seeds.derive(config.seed(), INPUT_SEED_SALT);
        List<Sample> samples = new ArrayList<>();
        String type;
        try {
            SourceContext ctx = SourceContext.of(config.source(), "holdout", config.seed(), () -> 0L, 64)
                    .withOverrides(Map.of(), inputSeed);
            type = ctx.type();
            try (SampleSource source = SourceProviders.onClassPath().create(ctx)) {
                while (samples.size() < config.size()) {
                    Optional<Sample> next = source.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    if (next.get().label() != null) {
                        samples.add(next.get());
                    }
                }
            }
        } catch (ConfigException e) {
            throw new ConfigException(HoldoutConfig.SOURCE_PREFIX + "*", e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigException(HoldoutConfig.SOURCE_PREFIX + "*", "cannot read the held-out source: " + e);
        }
        if (samples.isEmpty()) {
            throw new ConfigException(HoldoutConfig.SOURCE_PREFIX + "*", "the held-out source gave no labelled sample");
        }
        return new HoldoutSet(samples, config.everySteps(),
                type + " source, " + samples.size() + " samples, every " + config.everySteps() + " steps");
    }

    public List<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    public long everySteps() {
        return everySteps;
    }

    @Override
    public String toString() {
        return description;
    }
}

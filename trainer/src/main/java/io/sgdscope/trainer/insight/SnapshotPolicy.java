package io.sgdscope.trainer.insight;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * When the training thread takes a model snapshot for the metrics thread: at the first multiple
 * of {@code every-steps} steps that comes at least {@code min-interval} after the previous
 * snapshot, if metrics are enabled and the window holds at least two samples. A multiple that is
 * skipped is not made up later: the next chance is the next multiple. The clock is read only at
 * multiples. Not thread-safe.
 */
public final class SnapshotPolicy {

    private final boolean enabled;
    private final long everySteps;
    private final long minIntervalMs;
    private final LongSupplier clockMs;
    private long nextStep;
    private long lastSnapshotMs;
    private boolean taken;

    public SnapshotPolicy(InsightConfig config, LongSupplier clockMs) {
        this.enabled = config.enabled();
        this.everySteps = config.everySteps();
        this.minIntervalMs = config.minInterval().toMillis();
        this.clockMs = clockMs;
        this.nextStep = everySteps;
    }

    /**
     * Called after each optimizer step with the step count it reached and the window's size.
     *
     * @return the time to stamp the snapshot with if one is due now, else empty
     */
    public OptionalLong afterStep(long steps, int windowSize) {
        if (steps < nextStep) {
            return OptionalLong.empty();
        }
        nextStep = following(steps);
        long now = clockMs.getAsLong();
        if (!enabled || windowSize < 2 || (taken && now - lastSnapshotMs < minIntervalMs)) {
            return OptionalLong.empty();
        }
        taken = true;
        lastSnapshotMs = now;
        return OptionalLong.of(now);
    }

    /** Continues from a restored step count: the next snapshot is due at the next multiple after it. */
    public void restoredAt(long steps) {
        nextStep = following(steps);
    }

    private long following(long steps) {
        return (steps / everySteps + 1) * everySteps;
    }
}

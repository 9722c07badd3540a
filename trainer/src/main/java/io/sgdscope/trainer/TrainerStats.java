package io.sgdscope.trainer;

import io.sgdscope.trainer.eval.PrequentialSnapshot;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the training thread publishes for readers on other threads (the metrics scrape). The
 * snapshot is replaced whole, so a reader never sees accuracy and loss from different moments.
 */
public final class TrainerStats {
    private final String model;
    private final LongAdder trained = new LongAdder();
    private final LongAdder skippedUnlabelled = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder incompatible = new LongAdder();
    private volatile PrequentialSnapshot prequential = PrequentialSnapshot.EMPTY;

    public TrainerStats(String model) {
        this.model = model;
    }

    public String model() {
        return model;
    }

    public void publish(long newlyTrained, PrequentialSnapshot snapshot) {
        trained.add(newlyTrained);
        prequential = snapshot;
    }

    void recordSkippedUnlabelled() {
        skippedUnlabelled.increment();
    }

    void recordUndecodable() {
        undecodable.increment();
    }

    void recordIncompatible() {
        incompatible.increment();
    }

    public long trained() {
        return trained.sum();
    }

    public long skippedUnlabelled() {
        return skippedUnlabelled.sum();
    }

    public long undecodable() {
        return undecodable.sum();
    }

    /** Valid samples this model cannot use, e.g. a class index outside its classes. */
    public long incompatible() {
        return incompatible.sum();
    }

    public PrequentialSnapshot prequential() {
        return prequential;
    }
}

package io.sgdscope.trainer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the trainer service publishes for readers on other threads: records it could not train
 * on, and the per-model stats, which appear as streams and variants are first seen.
 */
public final class TrainerStats {
    private final LongAdder skippedEmpty = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder incompatible = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();
    private volatile long consumerLag = -1;
    private final List<ModelStats> models = new CopyOnWriteArrayList<>();
    private final List<Consumer<ModelStats>> listeners = new CopyOnWriteArrayList<>();

    /** Called for every model seen so far and every later one, e.g. to bind its meters. */
    public void onModel(Consumer<ModelStats> listener) {
        listeners.add(listener);
        models.forEach(listener);
    }

    ModelStats model(String model, String stream, ModelStats.Shape shape) {
        for (ModelStats m : models) {
            if (m.model().equals(model) && m.stream().equals(stream)) {
                return m;
            }
        }
        ModelStats m = new ModelStats(model, stream, shape);
        models.add(m);
        listeners.forEach(l -> l.accept(m));
        return m;
    }

    public List<ModelStats> models() {
        return List.copyOf(models);
    }

    /** Samples trained by all models of all streams, counted once per model. */
    public long trained() {
        return models.stream().mapToLong(m -> m.snapshot().trained()).sum();
    }

    void recordSkippedEmpty() {
        skippedEmpty.increment();
    }

    void recordUndecodable() {
        undecodable.increment();
    }

    void recordIncompatible() {
        incompatible.increment();
    }

    void recordCheckpoint() {
        checkpoints.increment();
    }

    /**
     * Records that carried no sample at all (a null value). Unlabelled samples are not skipped:
     * they are predicted, and scored when their label joins.
     */
    public long skippedEmpty() {
        return skippedEmpty.sum();
    }

    public long undecodable() {
        return undecodable.sum();
    }

    /** Valid samples a model cannot use, e.g. a class index outside its classes. */
    public long incompatible() {
        return incompatible.sum();
    }

    public long checkpoints() {
        return checkpoints.sum();
    }

    void recordConsumerLag(long records) {
        consumerLag = records;
    }

    /** Records behind the end of the assigned partitions at the last poll; -1 before it is known. */
    public long consumerLag() {
        return consumerLag;
    }
}

package io.sgdscope.trainer.predict;

/**
 * Where the trainer hands every prediction it makes when a sample's features arrive (an
 * unlabelled sample, or a labelled one predicted just before it is learned). The sink decides
 * what to publish ({@code trainer.predictions}, {@code trainer.predictions.variants}); the
 * trainer calls it on its training thread and does not wait for delivery.
 */
@FunctionalInterface
public interface PredictionSink {

    void accept(PredictionRecord r);

    /**
     * Whether a prediction of this kind would be kept, asked before the record is built, so that a
     * sink publishing only unlabelled samples costs a labelled one no allocation or clock read.
     */
    default boolean wants(boolean labelled, String variant) {
        return true;
    }

    /**
     * Returns once every prediction accepted so far is delivered or counted as failed. The trainer
     * calls it before each checkpoint: a restart replays only the samples after the checkpoint, so
     * a prediction of an earlier sample still in a buffer would otherwise be lost to a crash.
     */
    default void flush() {
    }

    /** Publishes nothing: tests, benchmarks, and {@code trainer.predictions=none}. */
    PredictionSink NONE = r -> { };
}

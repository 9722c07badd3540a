package io.sgdscope.trainer;

/**
 * Told, on the training thread, how long after it was produced a sample was predicted and trained
 * by one model. "Produced" is the Kafka timestamp of the {@code samples.clean} record, which the
 * streams app carries over from the producer's record (its send time, {@code CreateTime}); for a
 * sample whose label joined later it is the label's. Not the sample's event time: a replayed or
 * historical stream has event times far in the past, which would measure the data's age, not the
 * pipeline. Latencies below zero (producer and trainer clocks apart) are reported as zero.
 * Implementations must be cheap and must not throw: they run once per sample per model.
 */
public interface LatencyListener {

    /** The sample's features reached the model and it made its feature-time prediction. */
    void predicted(long millis);

    /** The model learned the labelled sample (with a batch above 1: the sample joined the batch). */
    void trained(long millis);
}

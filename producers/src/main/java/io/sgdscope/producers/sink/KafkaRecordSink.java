package io.sgdscope.producers.sink;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends one kind of scenario record to its topic, keyed and stamped by the record itself: the
 * drift truth ({@link #driftTruth}) and the labels a scenario holds back ({@link #labels}). As with
 * {@link KafkaSampleSink}, the first send that fails for good is kept and thrown by the next
 * {@link #accept}, {@link #flush} or {@link #close}, never dropped.
 */
public final class KafkaRecordSink<T> implements Consumer<T>, AutoCloseable {

    private final KeyedSender<T> sender;
    private final Function<T, String> key;
    private final ToLongFunction<T> timestampMs;
    private final Runnable counter;

    private KafkaRecordSink(Producer<String, T> producer, Topic<String, T> topic, String what, Function<T, String> key,
                            ToLongFunction<T> timestampMs, Runnable counter) {
        this.sender = new KeyedSender<>(producer, topic, what);
        this.key = key;
        this.timestampMs = timestampMs;
        this.counter = counter;
    }

    /** {@code drift.truth}: keyed by stream, stamped with the event's time. */
    public static KafkaRecordSink<DriftEvent> driftTruth(Producer<String, DriftEvent> producer,
                                                         Topic<String, DriftEvent> topic, ProducerStats stats) {
        return new KafkaRecordSink<>(producer, topic, "drift truth", DriftEvent::stream, DriftEvent::timeMs,
                stats::recordTruthEvent);
    }

    /**
     * {@code labels.raw}: keyed by sample id (the key the streams app's join reads), stamped with the
     * time the label became known.
     */
    public static KafkaRecordSink<LabelRecord> labels(Producer<String, LabelRecord> producer,
                                                      Topic<String, LabelRecord> topic, ProducerStats stats) {
        return new KafkaRecordSink<>(producer, topic, "labels", LabelRecord::sampleId, LabelRecord::eventTimeMs,
                stats::recordLabelSent);
    }

    @Override
    public void accept(T record) {
        sender.throwIfFailed();
        counter.run();
        sender.send(key.apply(record), timestampMs.applyAsLong(record), record, KeyedSender.IGNORED);
    }

    public void flush() {
        sender.flush();
    }

    @Override
    public void close() {
        try {
            sender.flush();
        } finally {
            sender.close();
        }
    }
}

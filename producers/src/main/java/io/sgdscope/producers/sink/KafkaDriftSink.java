package io.sgdscope.producers.sink;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends the scenario's {@link DriftEvent}s to {@code drift.truth}, keyed by stream and stamped with
 * the event's time. As with {@link KafkaSampleSink}, the first send that fails for good is kept and
 * thrown by the next {@link #accept}, {@link #flush} or {@link #close}, never dropped.
 */
public final class KafkaDriftSink implements Consumer<DriftEvent>, AutoCloseable {

    private final Producer<String, DriftEvent> producer;
    private final Topic<String, DriftEvent> topic;
    private final ProducerStats stats;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public KafkaDriftSink(Producer<String, DriftEvent> producer, Topic<String, DriftEvent> topic, ProducerStats stats) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
    }

    @Override
    public void accept(DriftEvent e) {
        throwIfFailed();
        stats.recordTruthEvent();
        producer.send(new ProducerRecord<>(topic.name(), null, e.timeMs(), e.stream(), e), (metadata, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = firstFailure.get();
        if (e != null) {
            throw new SinkException("sending drift truth to " + topic.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

package io.sgdscope.producers.sink;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends the scenario's {@link DriftEvent}s to {@code drift.truth}, keyed by stream and stamped with
 * the event's time. As with {@link KafkaSampleSink}, the first send that fails for good is kept and
 * thrown by the next {@link #accept}, {@link #flush} or {@link #close}, never dropped.
 */
public final class KafkaDriftSink implements Consumer<DriftEvent>, AutoCloseable {

    private final KeyedSender<DriftEvent> sender;
    private final ProducerStats stats;

    public KafkaDriftSink(Producer<String, DriftEvent> producer, Topic<String, DriftEvent> topic, ProducerStats stats) {
        this.sender = new KeyedSender<>(producer, topic, "drift truth");
        this.stats = stats;
    }

    @Override
    public void accept(DriftEvent e) {
        sender.throwIfFailed();
        stats.recordTruthEvent();
        sender.send(e.stream(), e.timeMs(), e, KeyedSender.IGNORED);
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

package io.sgdscope.producers.sink;

import io.sgdscope.common.topic.Topic;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What every sink does with its producer: send keyed, timestamped records, and keep the first
 * send that fails for good, so that the next send, flush or close throws it instead of dropping it.
 * The Kafka producer retries transient errors itself; whatever reaches the callback as an error is final.
 */
final class KeyedSender<V> {

    /** Told the fate of each record, on the producer's I/O thread. */
    interface Outcome {
        void acked();

        void failed();
    }

    static final Outcome IGNORED = new Outcome() {
        @Override
        public void acked() {
        }

        @Override
        public void failed() {
        }
    };

    private final Producer<String, V> producer;
    private final Topic<String, V> topic;
    private final String what;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** @param what names the records in the error, e.g. "samples" */
    KeyedSender(Producer<String, V> producer, Topic<String, V> topic, String what) {
        this.producer = producer;
        this.topic = topic;
        this.what = what;
    }

    void send(String key, long timestampMs, V value, Outcome outcome) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic.name(), null, timestampMs, key, value), (metadata, error) -> {
            if (error == null) {
                outcome.acked();
            } else {
                outcome.failed();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    void flush() {
        producer.flush();
        throwIfFailed();
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Throws the first final failure, if any; {@link #send} and {@link #flush} call it first. */
    void throwIfFailed() {
        Exception e = firstFailure.get();
        if (e != null) {
            throw new SinkException("sending " + what + " to " + topic.name() + " failed: " + e.getMessage(), e);
        }
    }
}

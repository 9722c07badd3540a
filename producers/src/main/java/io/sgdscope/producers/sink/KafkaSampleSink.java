package io.sgdscope.producers.sink;

import io.sgdscope.common.Sample;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends samples to a topic keyed by stream, so each source keeps its order within a partition.
 * The producer is handed in: production passes a {@code KafkaProducer}, tests a {@code MockProducer}.
 *
 * <p>The Kafka producer retries transient errors itself; whatever reaches the callback as an error
 * is final. The first such error is kept and stops the next {@link #send}, so a failure is never
 * silently dropped.
 */
public final class KafkaSampleSink implements SampleSink {

    private final Producer<String, Sample> producer;
    private final Topic<String, Sample> topic;
    private final ProducerStats stats;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public KafkaSampleSink(Producer<String, Sample> producer, Topic<String, Sample> topic, ProducerStats stats) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
    }

    @Override
    public void send(Sample sample) {
        throwIfFailed();
        stats.recordSent();
        producer.send(new ProducerRecord<>(topic.name(), null, sample.eventTimeMs(), sample.stream(), sample),
                (metadata, error) -> {
                    if (error == null) {
                        stats.recordAcked();
                    } else {
                        stats.recordFailed();
                        firstFailure.compareAndSet(null, error);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = firstFailure.get();
        if (e != null) {
            throw new SinkException("sending to " + topic.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

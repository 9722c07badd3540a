package io.sgdscope.producers.sink;

import io.sgdscope.common.Sample;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends samples to a topic keyed by stream, so each source keeps its order within a partition.
 * The producer is handed in: production passes a {@code KafkaProducer}, tests a {@code MockProducer}.
 * The first send that fails for good stops the next {@link #send}, so a failure is never
 * silently dropped.
 */
public final class KafkaSampleSink implements SampleSink {

    private final KeyedSender<Sample> sender;
    private final KeyedSender.Outcome outcome;
    private final ProducerStats stats;

    public KafkaSampleSink(Producer<String, Sample> producer, Topic<String, Sample> topic, ProducerStats stats) {
        this.sender = new KeyedSender<>(producer, topic, "samples");
        this.stats = stats;
        this.outcome = new KeyedSender.Outcome() {
            @Override
            public void acked() {
                stats.recordAcked();
            }

            @Override
            public void failed() {
                stats.recordFailed();
            }
        };
    }

    @Override
    public void send(Sample sample) {
        sender.throwIfFailed();
        stats.recordSent(); // before the send, whose callback may count the ack at once
        sender.send(sample.stream(), sample.eventTimeMs(), sample, outcome);
    }

    @Override
    public void flush() {
        sender.flush();
    }

    @Override
    public void close() {
        sender.close();
    }
}

package io.sgdscope.producers.sink;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.producers.ProducerStats;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends the labels a scenario holds back to {@code labels.raw}, keyed by sample id (the key the
 * streams app's join reads) and stamped with the time the label became known. As with
 * {@link KafkaSampleSink}, the first send that fails for good is kept and thrown by the next
 * {@link #accept}, {@link #flush} or {@link #close}, never dropped.
 */
public final class KafkaLabelSink implements Consumer<LabelRecord>, AutoCloseable {

    private final KeyedSender<LabelRecord> sender;
    private final ProducerStats stats;

    public KafkaLabelSink(Producer<String, LabelRecord> producer, Topic<String, LabelRecord> topic, ProducerStats stats) {
        this.sender = new KeyedSender<>(producer, topic, "labels");
        this.stats = stats;
    }

    @Override
    public void accept(LabelRecord label) {
        sender.throwIfFailed();
        stats.recordLabelSent();
        sender.send(label.sampleId(), label.eventTimeMs(), label, KeyedSender.IGNORED);
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

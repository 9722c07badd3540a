package io.sgdscope.producers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.producers.ProducerStats;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaLabelSinkTest {

    private final Topics topics = new Topics("t.");
    private final ProducerStats stats = new ProducerStats();
    private final MockProducer<String, LabelRecord> producer =
            new MockProducer<>(false, null, new StringSerializer(), topics.labelsRaw().valueSerde().serializer());
    private final KafkaRecordSink<LabelRecord> sink = KafkaRecordSink.labels(producer, topics.labelsRaw(), stats);

    @Test
    void sendsKeyedBySampleIdAtTheTimeTheLabelBecameKnown() {
        LabelRecord label = new LabelRecord("s-7", "s", Label.ofClass(1), 1_234L);
        sink.accept(label);
        producer.completeNext();
        var record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("t.labels.raw");
        assertThat(record.key()).isEqualTo("s-7");
        assertThat(record.timestamp()).isEqualTo(1_234L);
        assertThat(record.value()).isEqualTo(label);
        assertThat(stats.labelsSent()).isEqualTo(1);
    }

    @Test
    void aFailedSendIsNotDropped() {
        sink.accept(new LabelRecord("a", "s", Label.ofClass(0), 1L));
        producer.errorNext(new TimeoutException("broker gone"));
        assertThatThrownBy(() -> sink.accept(new LabelRecord("b", "s", Label.ofClass(0), 2L)))
                .isInstanceOf(SinkException.class).hasMessageContaining("t.labels.raw").hasMessageContaining("broker gone");
        assertThatThrownBy(sink::flush).isInstanceOf(SinkException.class);
    }
}

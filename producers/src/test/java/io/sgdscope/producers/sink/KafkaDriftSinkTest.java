package io.sgdscope.producers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.producers.ProducerStats;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaDriftSinkTest {

    private final Topics topics = new Topics("t.");
    private final ProducerStats stats = new ProducerStats();
    private final MockProducer<String, DriftEvent> producer =
            new MockProducer<>(false, null, new StringSerializer(), topics.driftTruth().valueSerde().serializer());
    private final KafkaRecordSink<DriftEvent> sink = KafkaRecordSink.driftTruth(producer, topics.driftTruth(), stats);

    private static DriftEvent event(long index) {
        return new DriftEvent("s", index, 500 + index, DriftEvent.Kind.CONCEPT, 1, DriftEvent.Transition.ABRUPT, index,
                index, new float[] {1, 0});
    }

    @Test
    void sendsKeyedByStreamAtTheEventTime() {
        sink.accept(event(7));
        producer.completeNext();
        var record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("t.drift.truth");
        assertThat(record.key()).isEqualTo("s");
        assertThat(record.timestamp()).isEqualTo(507L);
        assertThat(record.value()).isEqualTo(event(7));
        assertThat(stats.truthEvents()).isEqualTo(1);
    }

    @Test
    void aFailedSendIsNotDropped() {
        sink.accept(event(1));
        producer.errorNext(new TimeoutException("broker gone"));
        assertThatThrownBy(() -> sink.accept(event(2))).isInstanceOf(SinkException.class)
                .hasMessageContaining("t.drift.truth").hasMessageContaining("broker gone");
        assertThatThrownBy(sink::flush).isInstanceOf(SinkException.class);
    }
}

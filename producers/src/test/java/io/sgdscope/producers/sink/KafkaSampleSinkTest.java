package io.sgdscope.producers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.SampleSerdes;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.producers.ProducerStats;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Failure paths a real broker cannot produce on demand; the happy path runs against a broker in the ITs. */
class KafkaSampleSinkTest {

    private final Topics topics = Topics.defaults();
    private final ProducerStats stats = new ProducerStats();
    private final MockProducer<String, Sample> producer =
            new MockProducer<>(false, null, new StringSerializer(), SampleSerdes.json().serializer());
    private final KafkaSampleSink sink = new KafkaSampleSink(producer, topics.samplesRaw(), stats);

    private static Sample sample(int i) {
        return new Sample("id-" + i, "s", 100L + i, new float[] {i}, Label.ofClass(i % 2), null);
    }

    @Test
    void sendsKeyedByStreamWithTheEventTime() {
        sink.send(sample(1));
        producer.completeNext();
        var record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("samples.raw");
        assertThat(record.key()).isEqualTo("s");
        assertThat(record.timestamp()).isEqualTo(101L);
        assertThat(stats.sent()).isEqualTo(1);
        assertThat(stats.acked()).isEqualTo(1);
    }

    @Test
    void aFailedSendIsCountedAndStopsTheNextSend() {
        sink.send(sample(1));
        sink.send(sample(2));
        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too big"));

        assertThat(stats.acked()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(1);
        assertThatThrownBy(() -> sink.send(sample(3)))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("samples.raw")
                .hasMessageContaining("too big");
        assertThat(stats.sent()).isEqualTo(2);
    }

    @Test
    void flushSurfacesAFailure() {
        sink.send(sample(1));
        producer.errorNext(new RecordTooLargeException("too big"));
        assertThatThrownBy(sink::flush).isInstanceOf(SinkException.class);
    }
}

package io.sgdscope.trainer.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.model.Prediction;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaPredictionSinkTest {

    private static PredictionRecord prediction(String id) {
        return new PredictionRecord(id, "s", "sgd", 7, Prediction.ofProbabilities(0.9, 0.1), 100, 200, false);
    }

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void recordsAreKeyedBySampleIdAndCarryTheCodecsJson() {
        MockProducer<String, byte[]> producer = producer();
        KafkaPredictionSink sink = new KafkaPredictionSink(producer, "predictions");
        sink.accept(prediction("a"));
        sink.accept(prediction("b"));
        producer.completeNext();
        producer.completeNext();
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("a", "b");
        assertThat(producer.history()).allSatisfy(r -> assertThat(r.topic()).isEqualTo("predictions"));
        assertThat(new JsonPredictionCodec().decode(producer.history().get(1).value()).sampleId()).isEqualTo("b");
        assertThat(sink.published()).isEqualTo(2);
        assertThat(sink.failed()).isZero();
    }

    @Test
    void flushReturnsOnceEverySendIsAcknowledged() {
        MockProducer<String, byte[]> producer = producer();
        KafkaPredictionSink sink = new KafkaPredictionSink(producer, "predictions");
        sink.accept(prediction("a"));
        sink.accept(prediction("b"));
        assertThat(sink.published()).isZero();
        sink.flush();
        assertThat(sink.published()).isEqualTo(2);
        assertThat(producer.completeNext()).as("a send still waiting").isFalse();
    }

    @Test
    void failedSendsAreCountedNotThrown() {
        MockProducer<String, byte[]> producer = producer();
        KafkaPredictionSink sink = new KafkaPredictionSink(producer, "predictions");
        sink.accept(prediction("a"));
        sink.accept(prediction("b"));
        producer.completeNext();
        producer.errorNext(new TimeoutException("broker gone"));
        assertThat(sink.published()).isEqualTo(1);
        assertThat(sink.failed()).isEqualTo(1);
    }

    @Test
    void aSendThatFailsAtOnceIsCountedToo() {
        MockProducer<String, byte[]> producer = producer();
        KafkaPredictionSink sink = new KafkaPredictionSink(producer, "predictions");
        sink.close();
        sink.accept(prediction("a"));
        assertThat(sink.failed()).isEqualTo(1);
        assertThat(sink.published()).isZero();
    }
}

package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InsightPublisherTest {

    /** A real report: a small bias-free classifier inspected over a few samples (its support values are NaN). */
    static InsightReport report() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,bias=false");
        Sample[] window = new Sample[8];
        for (int i = 0; i < window.length; i++) {
            window[i] = new Sample("teacher-" + i, "teacher", i, new float[] {i, 1 - i, 0.5f * i}, Label.ofClass(i % 2),
                    null);
        }
        return new ModelInspector(spec, new FastExecutor(spec), InsightConfig.defaults(), 1).inspect(
                new ModelSnapshot("sam", "teacher", spec, 1000, 1000, 1_700_000_000_000L, 0.1, 0.01,
                        spec.initialParams(3), window, null, spec.initialParams(4)));
    }

    @Test
    void aReportRoundTripsThroughItsJsonRecordIncludingNaN() {
        InsightReport r = report();
        String json = InsightPublisher.toJson(r);
        assertThat(json).contains("\"step\":1000").contains("\"supportRecall\":\"NaN\"");
        assertThat(InsightPublisher.fromJson(json)).isEqualTo(r);
        assertThatThrownBy(() -> InsightPublisher.fromJson("{\"model\":")).hasMessageContaining("not a metrics report");
    }

    /** The held-out score and the confusion matrices are in the record, as experiments read them ({@code holdout.accuracy}). */
    @Test
    void heldOutScoreAndConfusionMatricesRoundTrip() {
        ModelSpec spec = ModelSpec.parse("mlp:3-4-2,bias=false");
        Sample[] window = new Sample[8];
        for (int i = 0; i < window.length; i++) {
            window[i] = new Sample("teacher-" + i, "teacher", i, new float[] {i, 1 - i, 0.5f * i}, Label.ofClass(i % 2),
                    null);
        }
        io.sgdscope.trainer.eval.ConfusionWindow confusion = new io.sgdscope.trainer.eval.ConfusionWindow(2, 8);
        confusion.update(0, 0, 0);
        confusion.update(1, 0, 1);
        confusion.update(1, io.sgdscope.trainer.eval.ConfusionWindow.UNKNOWN, 0);
        io.sgdscope.trainer.holdout.HoldoutSet holdout = new io.sgdscope.trainer.holdout.HoldoutSet(
                java.util.List.of(window), 500, "window");
        InsightReport r = new ModelInspector(spec, new FastExecutor(spec), InsightConfig.defaults(), 1, holdout).inspect(
                new ModelSnapshot("sam", "teacher", spec, 1000, 1000, 1_700_000_000_000L, 0.1, 0.01,
                        spec.initialParams(3), window, null, confusion.counts(), null));
        assertThat(r.holdout().step()).isEqualTo(1000);
        assertThat(r.holdout().size()).isEqualTo(8);
        assertThat(r.classification().observed().total()).isEqualTo(3);
        assertThat(r.classification().clean().total()).isEqualTo(2);
        String json = InsightPublisher.toJson(r);
        assertThat(json).contains("\"holdout\":{\"step\":1000,\"size\":8,\"accuracy\":")
                .contains("\"observed\":{\"classes\":[\"0\",\"1\"],\"counts\":[[1,0],[1,1]]}");
        assertThat(InsightPublisher.fromJson(json)).isEqualTo(r);
    }

    @Test
    void recordsAreKeyedByModelAtStreamAndFailedSendsAreCountedNotThrown() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        InsightPublisher publisher = new InsightPublisher(producer, "trainer.metrics");
        publisher.accept(report());
        publisher.accept(report());
        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        assertThat(producer.history()).extracting(rec -> rec.key()).containsExactly("sam@teacher", "sam@teacher");
        assertThat(producer.history().get(0).topic()).isEqualTo("trainer.metrics");
        assertThat(publisher.sent()).isEqualTo(1);
        assertThat(publisher.failed()).isEqualTo(1);
    }
}

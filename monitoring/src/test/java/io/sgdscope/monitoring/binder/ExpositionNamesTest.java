package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.LogisticRegression;
import org.junit.jupiter.api.Test;

/** The names and labels users, dashboards and alert rules depend on, as the real registry exposes them. */
class ExpositionNamesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void producerCountsAcknowledgedSamplesPerStream() {
        ProducerStats stats = new ProducerStats();
        new ProducerMetrics("teacher", stats).bindTo(registry);
        stats.recordSent();
        stats.recordSent();
        stats.recordAcked();
        assertThat(registry.scrape()).contains("sgdscope_producer_samples_total{stream=\"teacher\"} 1.0");
    }

    @Test
    void everyDlqReasonIsExposedFromTheStart() {
        new ValidationMetrics(new ValidationStats()).bindTo(registry);
        String text = registry.scrape();
        for (DlqReason r : DlqReason.values()) {
            assertThat(text).contains("sgdscope_streams_dlq_total{reason=\"" + r.code() + "\"} 0.0");
        }
        assertThat(text).contains("sgdscope_streams_records_total{outcome=\"valid\"} 0.0");
    }

    @Test
    void trainerExposesSamplesAccuracyAndLossPerModelAndWindow() {
        TrainerStats stats = new TrainerStats("logistic");
        new TrainerMetrics(stats).bindTo(registry);
        assertThat(registry.scrape()).contains("sgdscope_trainer_prequential_accuracy{model=\"logistic\",window=\"cumulative\"} NaN");

        PrequentialEvaluator eval = new PrequentialEvaluator(new LogisticRegression("logistic", 1, 0.1), 10, 0.9);
        eval.step(new Sample("a", "s", 0, new float[] {1}, Label.ofClass(1), null));
        stats.publish(1, eval.snapshot());

        String text = registry.scrape();
        assertThat(text).contains("sgdscope_trainer_samples_total{model=\"logistic\"} 1.0");
        // the untrained model says 0.5, and argmax of a tie is class 0: wrong on a class-1 sample
        assertThat(text).contains("sgdscope_trainer_prequential_accuracy{model=\"logistic\",window=\"cumulative\"} 0.0");
        assertThat(text).contains("sgdscope_trainer_prequential_loss{model=\"logistic\",window=\"sliding\"} 0.69314718");
        assertThat(text).contains("# TYPE sgdscope_trainer_prequential_accuracy gauge");
        assertThat(text).contains("# TYPE sgdscope_trainer_samples_total counter");
    }
}

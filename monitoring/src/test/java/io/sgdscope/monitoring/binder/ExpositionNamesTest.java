package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.OnlineModel;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.SgdOptimizer;
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
    void trainerExposesSamplesAccuracyLossAndDivergencesPerModelStreamAndWindow() {
        TrainerStats service = new TrainerStats();
        new TrainerMetrics(service).bindTo(registry);
        ModelStats stats = new ModelStats("sgd", "teacher");
        new ModelMetrics(stats).bindTo(registry);
        assertThat(registry.scrape()).contains(
                "sgdscope_trainer_prequential_accuracy{model=\"sgd\",stream=\"teacher\",window=\"cumulative\"} NaN");

        ModelSpec spec = ModelSpec.parse("linear:1-2");
        OnlineModel model = new OnlineModel("sgd", spec, new FastExecutor(spec), new float[spec.layout().numParams()],
                SgdOptimizer.plain(), step -> 0.1, new DivergenceGuard(0.5, 10), 1);
        PrequentialEvaluator eval = new PrequentialEvaluator(model, 10, 0.9);
        eval.step(new Sample("a", "teacher", 0, new float[] {1}, Label.ofClass(1), null));
        stats.publish(new ModelStats.Snapshot(1, model.steps(), model.divergences(), model.lastLearningRate(),
                model.lastLoss(), model.lastGradientNorm(), model.lastUpdateNorm(), eval.snapshot()));

        String text = registry.scrape();
        String tags = "model=\"sgd\",stream=\"teacher\"";
        assertThat(text).contains("sgdscope_trainer_samples_total{" + tags + "} 1.0");
        assertThat(text).contains("sgdscope_trainer_steps_total{" + tags + "} 1.0");
        assertThat(text).contains("sgdscope_trainer_divergences_total{" + tags + "} 0.0");
        // the zero model says 0.5, and argmax of a tie is class 0: wrong on a class-1 sample
        assertThat(text).contains("sgdscope_trainer_prequential_accuracy{" + tags + ",window=\"cumulative\"} 0.0");
        assertThat(text).contains("sgdscope_trainer_prequential_loss{" + tags + ",window=\"sliding\"} 0.69314718");
        assertThat(text).contains("sgdscope_trainer_learning_rate{" + tags + "} 0.1");
        assertThat(text).contains("sgdscope_trainer_skipped_total{reason=\"incompatible\"} 0.0");
        assertThat(text).contains("# TYPE sgdscope_trainer_prequential_accuracy gauge");
        assertThat(text).contains("# TYPE sgdscope_trainer_samples_total counter");
    }
}

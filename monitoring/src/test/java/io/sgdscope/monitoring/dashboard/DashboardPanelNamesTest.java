package io.sgdscope.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sgdscope.monitoring.binder.DriftDetectionMetrics;
import io.sgdscope.monitoring.binder.EvaluationMetrics;
import io.sgdscope.monitoring.binder.ModelInsightMetrics;
import io.sgdscope.monitoring.binder.ModelMetrics;
import io.sgdscope.monitoring.binder.PredictionPublishMetrics;
import io.sgdscope.monitoring.binder.ProducerMetrics;
import io.sgdscope.monitoring.binder.TrainerMetrics;
import io.sgdscope.monitoring.binder.ValidationMetrics;
import io.sgdscope.producers.ProducerStats;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.predict.KafkaPredictionSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** Every series the page charts or marks, and every one the live alerts read, is one the real binders expose. */
class DashboardPanelNamesTest {

    private static final Pattern NAME = Pattern.compile("'(sgdscope_[a-z0-9_]+)'");

    private static Set<String> exposedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ProducerMetrics("s", new ProducerStats()).bindTo(registry);
        new ValidationMetrics(new ValidationStats()).bindTo(registry);
        new TrainerMetrics(new TrainerStats()).bindTo(registry);
        ModelStats model = new ModelStats("sgd", "s", new ModelStats.Shape(2, List.of("adwin", "ddm", "page-hinkley")));
        new ModelMetrics(model).bindTo(registry);
        new ModelInsightMetrics(model).bindTo(registry);
        new DriftDetectionMetrics(model).bindTo(registry);
        new EvaluationMetrics(new ModelStats("sgd", "s", new ModelStats.Shape(2, List.of(), 3))).bindTo(registry);
        new PredictionPublishMetrics(new KafkaPredictionSink(new MockProducer<>(), "predictions")).bindTo(registry);
        Set<String> names = new TreeSet<>();
        for (Meter m : registry.getMeters()) {
            names.add(RegistrySampler.keyOf(m.getId()).name());
        }
        return names;
    }

    private static Set<String> namesInScript() throws Exception {
        String js;
        try (InputStream in = Dashboard.class.getResourceAsStream("/io/sgdscope/monitoring/dashboard/dashboard.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(js);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyChartedSeriesIsExposed() throws Exception {
        Set<String> charted = namesInScript();
        assertThat(charted).hasSizeGreaterThan(30)
                .contains("sgdscope_drift_truth_last_timestamp_seconds", "sgdscope_drift_last_detection_timestamp_seconds",
                        "sgdscope_trainer_label_time_accuracy", "sgdscope_trainer_pending_predictions",
                        "sgdscope_trainer_labels_total", "sgdscope_trainer_holdout_accuracy",
                        "sgdscope_trainer_holdout_loss", "sgdscope_trainer_kappa", "sgdscope_trainer_macro_f1",
                        "sgdscope_trainer_confusion_ratio",
                        // issue 17's instruments
                        "sgdscope_trainer_hessian_trace", "sgdscope_trainer_hessian_trace_std_error",
                        "sgdscope_trainer_gradient_noise", "sgdscope_trainer_gradient_snr",
                        "sgdscope_trainer_layer_gradient_noise", "sgdscope_trainer_layer_gradient_snr",
                        "sgdscope_trainer_distance_from_init", "sgdscope_trainer_layer_update_ratio",
                        "sgdscope_trainer_layer_alpha_weighted", "sgdscope_trainer_layer_spectral_outliers",
                        "sgdscope_trainer_train_latency_seconds", "sgdscope_trainer_predict_latency_seconds");
        assertThat(exposedNames()).containsAll(charted);
    }

    @Test
    void everySeriesTheAlertsReadIsExposed() {
        assertThat(exposedNames()).contains(SeriesNames.TRAINER_SAMPLES, SeriesNames.TRAINER_DIVERGENCES,
                SeriesNames.TRAINER_CONSUMER_LAG, SeriesNames.TRAINER_ACCURACY, SeriesNames.PRODUCER_SAMPLES,
                SeriesNames.STREAMS_RECORDS, SeriesNames.MODEL_EOS_RATIO, SeriesNames.MODEL_DEAD_UNITS_RATIO,
                SeriesNames.MODEL_MARGIN, SeriesNames.DRIFT_DETECTIONS);
    }
}

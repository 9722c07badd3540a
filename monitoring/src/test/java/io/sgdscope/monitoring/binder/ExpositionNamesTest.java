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
import io.sgdscope.trainer.drift.DriftMonitor;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.eval.LabelNoiseScores;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.eval.PrequentialSnapshot;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.SgdOptimizer;
import io.sgdscope.trainer.eval.LabelDelayScores;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.predict.KafkaPredictionSink;
import io.sgdscope.trainer.predict.PredictionRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
        stats.recordLabelSent();
        assertThat(registry.scrape()).contains("sgdscope_producer_labels_total{stream=\"teacher\"} 1.0");
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
        ModelStats stats = new ModelStats("sgd", "teacher", ModelStats.Shape.NONE);
        new ModelMetrics(stats).bindTo(registry);
        assertThat(registry.scrape()).contains(
                "sgdscope_trainer_prequential_accuracy{model=\"sgd\",stream=\"teacher\",window=\"cumulative\"} NaN");

        ModelSpec spec = ModelSpec.parse("linear:1-2");
        OnlineModel model = new OnlineModel("sgd", spec, new FastExecutor(spec), new float[spec.layout().numParams()],
                SgdOptimizer.plain(), step -> 0.1, new DivergenceGuard(0.5, 10), 1);
        PrequentialEvaluator eval = new PrequentialEvaluator(model, 10, 0.9);
        eval.step(new Sample("a", "teacher", 0, new float[] {1}, Label.ofClass(1), null));
        stats.publish(new ModelStats.Snapshot(1, model.steps(), model.divergences(), model.lastLearningRate(),
                model.lastLoss(), model.lastGradientNorm(), model.lastUpdateNorm(), eval.snapshot(), 0.7, 2,
                LabelNoiseScores.Snapshot.EMPTY, java.util.List.of(), 0, -1));

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
        assertThat(text).contains("sgdscope_trainer_consumer_lag_records NaN");
        assertThat(text).contains("# TYPE sgdscope_trainer_prequential_accuracy gauge");
        assertThat(text).contains("# TYPE sgdscope_trainer_samples_total counter");
        assertThat(text).contains("sgdscope_model_loss_ewma{" + tags + "} 0.7");
        assertThat(text).contains("sgdscope_model_loss_spikes_total{" + tags + "} 2.0");
        assertThat(text).contains("sgdscope_trainer_prequential_split_accuracy{labels=\"noisy\"," + tags + "} NaN");
    }

    /** Every name issue 6 promises, with its layer, quantile and detector labels, from one report. */
    @Test
    void modelMetricsAndDetectorsExposeThePromisedNamesWithBoundedLabels() {
        ModelStats stats = new ModelStats("sam", "teacher", new ModelStats.Shape(2, java.util.List.of("adwin", "ddm")));
        new ModelMetrics(stats).bindTo(registry);
        new ModelInsightMetrics(stats).bindTo(registry);
        new DriftDetectionMetrics(stats).bindTo(registry);
        assertThat(registry.scrape()).contains("sgdscope_model_sharpness{model=\"sam\",stream=\"teacher\"} NaN");

        stats.publishInsight(InsightReportFixture.report());
        stats.publish(new ModelStats.Snapshot(10, 10, 0, 0.1, 0.2, 0.3, 0.01, PrequentialSnapshot.EMPTY, 0.2, 0,
                LabelNoiseScores.Snapshot.EMPTY, java.util.List.of(
                        new DriftMonitor.DetectorState("adwin", 3, 2, 1, 0, 140, 120, 5000, 1_700_000_000_000L,
                                new DriftMonitor.Rates(2 / 3.0, 1.0, 0.8, 5001), new DriftMonitor.Rates(0.25, 0.5, 1 / 3.0, 900)),
                        new DriftMonitor.DetectorState("ddm", 0, 0, 0, 1, Double.NaN, Double.NaN, -1, -1)), 2,
                1_700_000_500_000L));
        String text = registry.scrape();
        String tags = "model=\"sam\",stream=\"teacher\"";
        for (String name : new String[] {"stable_rank", "effective_rank", "numerical_rank", "spectral_norm",
                "spectral_alpha", "hoyer_sparsity", "near_zero_ratio", "feature_rank", "dead_units_ratio",
                "activation_sparsity"}) {
            assertThat(text).contains("sgdscope_model_" + name + "{layer=\"0\"," + tags + "}");
            assertThat(text).contains("sgdscope_model_" + name + "{layer=\"1\"," + tags + "}");
            assertThat(text).doesNotContain("sgdscope_model_" + name + "{layer=\"2\"");
        }
        assertThat(text).contains("sgdscope_model_stable_rank{layer=\"0\"," + tags + "} 12.5");
        assertThat(text).contains("sgdscope_model_margin{model=\"sam\",quantile=\"0.05\",stream=\"teacher\"} 0.1");
        assertThat(text).contains("sgdscope_model_margin{model=\"sam\",quantile=\"0\",stream=\"teacher\"} -0.5");
        assertThat(text).contains("sgdscope_model_normalized_margin{model=\"sam\",quantile=\"0.5\",stream=\"teacher\"} NaN");
        assertThat(text).contains("sgdscope_model_sharpness{" + tags + "} 17.5");
        assertThat(text).contains("sgdscope_model_eos_ratio{" + tags + "} 0.875");
        assertThat(text).contains("sgdscope_model_grad_norm{" + tags + "} 0.3");
        assertThat(text).contains("sgdscope_model_param_norm{" + tags + "} 33.3");
        assertThat(text).contains("sgdscope_model_l1_norm{" + tags + "} 120.0");
        assertThat(text).contains("sgdscope_trainer_memorization_ratio{" + tags + "} 0.12");
        // issue 17: curvature, gradient noise, motion and spectra; per layer only up to the model's depth
        assertThat(text).contains("sgdscope_trainer_hessian_trace{" + tags + "} 42.0");
        assertThat(text).contains("sgdscope_trainer_hessian_trace_std_error{" + tags + "} 1.5");
        assertThat(text).contains("sgdscope_trainer_gradient_noise{" + tags + "} 0.9");
        assertThat(text).contains("sgdscope_trainer_gradient_snr{" + tags + "} 0.6");
        assertThat(text).contains("sgdscope_trainer_distance_from_init{layer=\"0\"," + tags + "} 1.5");
        assertThat(text).contains("sgdscope_trainer_layer_gradient_noise{layer=\"1\"," + tags + "} 0.125");
        assertThat(text).contains("sgdscope_trainer_layer_gradient_snr{layer=\"0\"," + tags + "} 3.5");
        assertThat(text).contains("sgdscope_trainer_layer_update_ratio{layer=\"1\"," + tags + "} 0.004");
        assertThat(text).contains("sgdscope_trainer_layer_alpha_weighted{layer=\"0\"," + tags + "} 4.4");
        assertThat(text).contains("sgdscope_trainer_layer_alpha_weighted{layer=\"1\"," + tags + "} NaN");
        assertThat(text).contains("sgdscope_trainer_layer_spectral_outliers{layer=\"0\"," + tags + "} 2.0");
        for (String name : new String[] {"distance_from_init", "layer_gradient_noise", "layer_gradient_snr",
                "layer_update_ratio", "layer_alpha_weighted", "layer_spectral_outliers"}) {
            assertThat(text).doesNotContain("sgdscope_trainer_" + name + "{layer=\"2\"");
        }
        assertThat(text).contains("sgdscope_drift_detections_total{detector=\"adwin\"," + tags + "} 3.0");
        assertThat(text).contains("sgdscope_drift_detection_delay_samples{detector=\"adwin\"," + tags + "} 140.0");
        assertThat(text).contains("sgdscope_drift_false_alarms_total{detector=\"adwin\"," + tags + "} 1.0");
        assertThat(text).contains("sgdscope_drift_missed_total{detector=\"ddm\"," + tags + "} 1.0");
        assertThat(text).contains("sgdscope_drift_f1{detector=\"adwin\"," + tags + "} 0.8");
        assertThat(text).contains("sgdscope_drift_recall{detector=\"adwin\"," + tags + "} 1.0");
        assertThat(text).contains("sgdscope_drift_mean_time_between_false_alarms_samples{detector=\"adwin\"," + tags + "} 5001.0");
        assertThat(text).contains("sgdscope_drift_baseline_precision{detector=\"adwin\"," + tags + "} 0.25");
        assertThat(text).contains("sgdscope_drift_baseline_f1{detector=\"ddm\"," + tags + "} NaN");
        assertThat(text).contains("sgdscope_drift_truth_events_total{" + tags + "} 2.0");
        assertThat(text).contains("sgdscope_drift_truth_last_timestamp_seconds{" + tags + "} 1.7000005E9");
        assertThat(text).contains("sgdscope_drift_last_detection_timestamp_seconds{detector=\"adwin\"," + tags
                + "} 1.7E9");
    }

    /** Held-out and classification meters of issue 17: bounded labels, one gauge per cell of at most 16 classes. */
    @Test
    void evaluationMetricsExposeHoldoutKappaF1AndTheConfusionCells() {
        ModelStats stats = new ModelStats("sgd", "fmnist", new ModelStats.Shape(1, java.util.List.of(), 3));
        new EvaluationMetrics(stats).bindTo(registry);
        String tags = "model=\"sgd\",stream=\"fmnist\"";
        assertThat(registry.scrape()).contains("sgdscope_trainer_holdout_accuracy{" + tags + "} NaN");

        io.sgdscope.trainer.eval.ConfusionWindow w = new io.sgdscope.trainer.eval.ConfusionWindow(3, 10);
        w.update(0, 0, 0);
        w.update(1, 1, 2);
        w.update(2, io.sgdscope.trainer.eval.ConfusionWindow.UNKNOWN, 2);
        w.update(2, 1, 2);
        InsightReport base = InsightReportFixture.report();
        stats.publishInsight(new InsightReport(base.model(), base.stream(), base.step(), base.samples(), base.timeMs(),
                base.computeSeconds(), base.windowSize(), base.learningRate(), base.layers(), base.margin(),
                base.normalizedMargin(), base.logitNorm(), base.sharpness(), base.eosRatio(), base.powerIterations(),
                base.windowLoss(), base.windowGradNorm(), base.paramNorm(), base.updateRatio(), base.l1Norm(),
                base.supportSize(), base.supportPrecision(), base.supportRecall(), base.memorization(),
                base.noisyInWindow(), new io.sgdscope.trainer.holdout.HoldoutScore(1000, 10_000, 0.857, 0.39),
                io.sgdscope.trainer.eval.ClassificationScores.of(w.counts()), base.hessianTrace(),
                base.hessianTraceStdError(), base.hessianProbes(), base.distanceFromInit(), base.gradientNoise(),
                base.gradientSnr()));
        String text = registry.scrape();
        assertThat(text).contains("sgdscope_trainer_holdout_accuracy{" + tags + "} 0.857");
        assertThat(text).contains("sgdscope_trainer_holdout_loss{" + tags + "} 0.39");
        assertThat(text).contains("# TYPE sgdscope_trainer_kappa gauge");
        // 3 of 4 right; rows 1, 1, 2, columns 1, 0, 3: p_e = (1 + 0 + 6)/16, κ = (0.75 − 7/16)/(1 − 7/16) = 5/9
        assertThat(text).contains("sgdscope_trainer_kappa{" + tags + "} 0.5555555");
        assertThat(text).contains("sgdscope_trainer_macro_f1{" + tags + "}");
        assertThat(text).contains("sgdscope_trainer_confusion_ratio{actual=\"1\",labels=\"observed\",model=\"sgd\","
                + "predicted=\"2\",stream=\"fmnist\"} 0.25");
        assertThat(text).contains("sgdscope_trainer_confusion_ratio{actual=\"1\",labels=\"clean\",model=\"sgd\","
                + "predicted=\"2\",stream=\"fmnist\"} 0.6666666");
        assertThat(text).contains("sgdscope_trainer_confusion_ratio{actual=\"2\",labels=\"clean\",model=\"sgd\","
                + "predicted=\"2\",stream=\"fmnist\"} 0.0");
        assertThat(text).doesNotContain("actual=\"3\"");
        assertThat(text.lines().filter(l -> l.startsWith("sgdscope_trainer_confusion_ratio{"))).hasSize(2 * 9);
    }

    @Test
    void aModelOfMoreThanSixteenClassesExportsNoConfusionCells() {
        ModelStats stats = new ModelStats("sgd", "cifar100", new ModelStats.Shape(1, java.util.List.of(), 100));
        new EvaluationMetrics(stats).bindTo(registry);
        String text = registry.scrape();
        assertThat(text).contains("sgdscope_trainer_kappa{model=\"sgd\",stream=\"cifar100\"} NaN");
        assertThat(text).doesNotContain("sgdscope_trainer_confusion_ratio{");
    }

    /** The label-delay meters of issue 13, per model and stream; a label's outcome is one of three values. */
    @Test
    void labelDelayIsExposedPerModelWithBoundedOutcomes() {
        ModelStats stats = new ModelStats("sgd", "teacher", ModelStats.Shape.NONE);
        new ModelMetrics(stats).bindTo(registry);
        String tags = "model=\"sgd\",stream=\"teacher\"";
        assertThat(registry.scrape()).contains("sgdscope_trainer_pending_predictions{" + tags + "} 0.0")
                .contains("sgdscope_trainer_labels_total{" + tags.replace("stream", "outcome=\"evicted\",stream") + "} 0.0");

        stats.publish(new ModelStats.Snapshot(10, 10, 0, 0.1, 0.2, 0.3, 0.01, PrequentialSnapshot.EMPTY, 0.2, 0,
                LabelNoiseScores.Snapshot.EMPTY, java.util.List.of(), 0, -1,
                new LabelDelayScores(4, 2.5, 30, 2, 1, 0.875, 0.3)));
        String text = registry.scrape();
        assertThat(text).contains("sgdscope_trainer_pending_predictions{" + tags + "} 4.0");
        assertThat(text).contains("sgdscope_trainer_pending_age_seconds{" + tags + "} 2.5");
        assertThat(text).contains("sgdscope_trainer_labels_total{model=\"sgd\",outcome=\"on_time\",stream=\"teacher\"} 30.0");
        assertThat(text).contains("sgdscope_trainer_labels_total{model=\"sgd\",outcome=\"late_scored\",stream=\"teacher\"} 2.0");
        assertThat(text).contains("sgdscope_trainer_labels_total{model=\"sgd\",outcome=\"evicted\",stream=\"teacher\"} 1.0");
        assertThat(text).contains("sgdscope_trainer_label_time_accuracy{" + tags + ",window=\"sliding\"} 0.875");
        assertThat(text).contains("# TYPE sgdscope_trainer_labels_total counter");
        assertThat(text.lines().filter(l -> l.startsWith("sgdscope_trainer_labels_total{"))).hasSize(3);
    }

    @Test
    void publishedAndFailedPredictionsAreCounted() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaPredictionSink sink = new KafkaPredictionSink(producer, "predictions");
        new PredictionPublishMetrics(sink).bindTo(registry);
        PredictionRecord r = new PredictionRecord("a", "teacher", "sgd", 1, Prediction.ofValue(1), 0, 0, false);
        sink.accept(r);
        sink.accept(r);
        sink.accept(r);
        producer.completeNext();
        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        String text = registry.scrape();
        assertThat(text).contains("sgdscope_trainer_predictions_published_total 2.0");
        assertThat(text).contains("sgdscope_trainer_prediction_publish_failures_total 1.0");
    }

    @Test
    void produceToTrainedAndPredictedLatenciesAreHistogramsPerModelAndStream() {
        ModelStats stats = new ModelStats("sgd", "s", ModelStats.Shape.NONE);
        new ModelMetrics(stats).bindTo(registry);
        stats.recordTrained(12);
        stats.recordTrained(40);
        stats.recordTrained(-5); // clocks apart: counted as 0
        stats.recordPredicted(3);
        String text = registry.scrape();
        // 0 and 12 ms fall at or below 20 ms, 40 ms only below 50 ms
        assertThat(text).contains("sgdscope_trainer_train_latency_seconds_bucket{model=\"sgd\",stream=\"s\",le=\"0.02\"} 2")
                .contains("sgdscope_trainer_train_latency_seconds_bucket{model=\"sgd\",stream=\"s\",le=\"0.05\"} 3")
                .contains("sgdscope_trainer_train_latency_seconds_count{model=\"sgd\",stream=\"s\"} 3")
                .contains("sgdscope_trainer_train_latency_seconds_sum{model=\"sgd\",stream=\"s\"} 0.052")
                .contains("sgdscope_trainer_predict_latency_seconds_bucket{model=\"sgd\",stream=\"s\",le=\"0.005\"} 1")
                .contains("sgdscope_trainer_predict_latency_seconds_count{model=\"sgd\",stream=\"s\"} 1");
        // the targets' 30 ms and 150 ms are bucket bounds, so histogram_quantile is exact there
        assertThat(text).contains("le=\"0.03\"").contains("le=\"0.15\"");
    }
}

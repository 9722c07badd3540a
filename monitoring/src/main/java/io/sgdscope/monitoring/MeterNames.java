package io.sgdscope.monitoring;

/**
 * Every meter name and tag key, in Micrometer's dotted form. The Prometheus registry adds
 * {@code _total} to counters; never write suffixes here.
 */
public final class MeterNames {

    /** Always 1; the {@code version} tag says which build is running. */
    public static final String BUILD_INFO = "sgdscope.build.info";

    public static final String PRODUCER_SAMPLES = "sgdscope.producer.samples";
    public static final String PRODUCER_SEND_FAILURES = "sgdscope.producer.send.failures";
    /** The scenario phase the producer is in (a gauge). */
    public static final String PRODUCER_PHASE = "sgdscope.producer.phase";
    public static final String PRODUCER_TRUTH_EVENTS = "sgdscope.producer.truth.events";
    public static final String PRODUCER_LABELS = "sgdscope.producer.labels";

    public static final String STREAMS_RECORDS = "sgdscope.streams.records";
    public static final String STREAMS_DLQ = "sgdscope.streams.dlq";
    /** Label event time minus sample event time, per joined sample; a timer, so it exports in seconds. */
    public static final String STREAMS_LABEL_DELAY = "sgdscope.streams.label.delay";
    public static final String STREAMS_JOINED = "sgdscope.streams.join.joined";
    public static final String STREAMS_JOIN_MISSES = "sgdscope.streams.join.misses";
    public static final String STREAMS_DRIFT_WINDOWS = "sgdscope.streams.drift.windows";
    public static final String STREAMS_DRIFT_SHIFT_SCORE = "sgdscope.streams.drift.shift.score";
    public static final String STREAMS_DRIFT_LABEL_PSI = "sgdscope.streams.drift.label.psi";
    public static final String STREAMS_DRIFT_TOP_FEATURE_PSI = "sgdscope.streams.drift.top.feature.psi";
    public static final String STREAMS_DRIFT_TOP_FEATURE_INDEX = "sgdscope.streams.drift.top.feature.index";
    /** 1 per stream and rank, tagged with the feature's name from its ingest feature table ({@link #TAG_FEATURE_NAME}). */
    public static final String STREAMS_DRIFT_TOP_FEATURE_INFO = "sgdscope.streams.drift.top.feature.info";

    public static final String TRAINER_SAMPLES = "sgdscope.trainer.samples";
    public static final String TRAINER_SKIPPED = "sgdscope.trainer.skipped";
    public static final String TRAINER_ACCURACY = "sgdscope.trainer.prequential.accuracy";
    public static final String TRAINER_LOSS = "sgdscope.trainer.prequential.loss";
    public static final String TRAINER_CLEAN_ACCURACY = "sgdscope.trainer.prequential.clean.accuracy";
    public static final String TRAINER_STEPS = "sgdscope.trainer.steps";
    public static final String TRAINER_STEP_LOSS = "sgdscope.trainer.step.loss";
    public static final String TRAINER_LEARNING_RATE = "sgdscope.trainer.learning.rate";
    public static final String TRAINER_DIVERGENCES = "sgdscope.trainer.divergences";
    public static final String TRAINER_CHECKPOINTS = "sgdscope.trainer.checkpoints";
    /** Records behind the end of the trainer's partitions; base unit records, so it exports as ..._records. */
    public static final String TRAINER_CONSUMER_LAG = "sgdscope.trainer.consumer.lag";
    public static final String MODEL_GRAD_NORM = "sgdscope.model.grad.norm";
    public static final String MODEL_LOSS_EWMA = "sgdscope.model.loss.ewma";
    public static final String MODEL_LOSS_SPIKES = "sgdscope.model.loss.spikes";
    public static final String TRAINER_SPLIT_ACCURACY = "sgdscope.trainer.prequential.split.accuracy";
    public static final String TRAINER_SPLIT_LOSS = "sgdscope.trainer.prequential.split.loss";
    public static final String TRAINER_SPLIT_MARGIN = "sgdscope.trainer.prequential.split.margin";
    // label delay: feature-time predictions held for their labels, and how the labels were scored
    public static final String TRAINER_PENDING_PREDICTIONS = "sgdscope.trainer.pending.predictions";
    /** Event-time age of the oldest held prediction; base unit seconds, so it exports as ..._seconds. */
    public static final String TRAINER_PENDING_AGE = "sgdscope.trainer.pending.age";
    /** Joined labels, tagged {@code outcome} = on_time, late_scored or evicted. */
    public static final String TRAINER_LABELS = "sgdscope.trainer.labels";
    /** The sliding accuracy of the same samples predicted at label time, beside the (feature-time) prequential one. */
    public static final String TRAINER_LABEL_TIME_ACCURACY = "sgdscope.trainer.label.time.accuracy";
    public static final String TRAINER_PREDICTIONS_PUBLISHED = "sgdscope.trainer.predictions.published";
    public static final String TRAINER_PREDICTION_PUBLISH_FAILURES = "sgdscope.trainer.prediction.publish.failures";
    /**
     * Produce to trained, per labelled sample and model: the trainer's clock when the model learned it minus the
     * Kafka timestamp of its samples.clean record (the producer's send time, carried over by the streams app).
     * A timer with fixed buckets, so it exports as ..._seconds_bucket for histogram_quantile.
     */
    public static final String TRAINER_TRAIN_LATENCY = "sgdscope.trainer.train.latency";
    /** Produce to predicted (the feature-time prediction), per sample and model; the same clock and buckets. */
    public static final String TRAINER_PREDICT_LATENCY = "sgdscope.trainer.predict.latency";

    // model metrics from snapshots (trainer/METRICS.md): per layer
    public static final String MODEL_STABLE_RANK = "sgdscope.model.stable.rank";
    public static final String MODEL_EFFECTIVE_RANK = "sgdscope.model.effective.rank";
    public static final String MODEL_NUMERICAL_RANK = "sgdscope.model.numerical.rank";
    public static final String MODEL_SPECTRAL_NORM = "sgdscope.model.spectral.norm";
    public static final String MODEL_SPECTRAL_ALPHA = "sgdscope.model.spectral.alpha";
    public static final String MODEL_HOYER_SPARSITY = "sgdscope.model.hoyer.sparsity";
    public static final String MODEL_NEAR_ZERO_RATIO = "sgdscope.model.near.zero.ratio";
    public static final String MODEL_FEATURE_RANK = "sgdscope.model.feature.rank";
    public static final String MODEL_DEAD_UNITS_RATIO = "sgdscope.model.dead.units.ratio";
    public static final String MODEL_ACTIVATION_SPARSITY = "sgdscope.model.activation.sparsity";
    // ... per model
    public static final String MODEL_L1_NORM = "sgdscope.model.l1.norm";
    public static final String MODEL_SUPPORT_SIZE = "sgdscope.model.support.size";
    public static final String MODEL_SUPPORT_PRECISION = "sgdscope.model.support.precision";
    public static final String MODEL_SUPPORT_RECALL = "sgdscope.model.support.recall";
    public static final String MODEL_MARGIN = "sgdscope.model.margin";
    public static final String MODEL_NORMALIZED_MARGIN = "sgdscope.model.normalized.margin";
    public static final String MODEL_MARGIN_NEGATIVE_RATIO = "sgdscope.model.margin.negative.ratio";
    public static final String MODEL_LOGIT_NORM = "sgdscope.model.logit.norm";
    public static final String MODEL_SHARPNESS = "sgdscope.model.sharpness";
    public static final String MODEL_EOS_RATIO = "sgdscope.model.eos.ratio";
    public static final String MODEL_PARAM_NORM = "sgdscope.model.param.norm";
    public static final String MODEL_UPDATE_RATIO = "sgdscope.model.update.ratio";
    public static final String MODEL_WINDOW_LOSS = "sgdscope.model.window.loss";
    public static final String MODEL_WINDOW_GRAD_NORM = "sgdscope.model.window.grad.norm";
    /** The optimizer step of the newest snapshot, to see how fresh the model metrics are. */
    public static final String MODEL_METRICS_STEP = "sgdscope.model.metrics.step";
    public static final String TRAINER_MEMORIZATION_RATIO = "sgdscope.trainer.memorization.ratio";
    // the metrics thread and the trainer.metrics topic
    public static final String TRAINER_METRICS_SNAPSHOTS = "sgdscope.trainer.metrics.snapshots";
    public static final String TRAINER_METRICS_COMPUTE = "sgdscope.trainer.metrics.compute.seconds";
    public static final String TRAINER_METRICS_RECORDS = "sgdscope.trainer.metrics.records";
    // curvature, gradient-noise and spectral instruments from snapshots (issue 17, trainer/METRICS.md): per model
    public static final String TRAINER_HESSIAN_TRACE = "sgdscope.trainer.hessian.trace";
    public static final String TRAINER_HESSIAN_TRACE_STD_ERROR = "sgdscope.trainer.hessian.trace.std.error";
    public static final String TRAINER_GRADIENT_NOISE = "sgdscope.trainer.gradient.noise";
    public static final String TRAINER_GRADIENT_SNR = "sgdscope.trainer.gradient.snr";
    // ... per layer
    public static final String TRAINER_DISTANCE_FROM_INIT = "sgdscope.trainer.distance.from.init";
    public static final String TRAINER_LAYER_GRADIENT_NOISE = "sgdscope.trainer.layer.gradient.noise";
    public static final String TRAINER_LAYER_GRADIENT_SNR = "sgdscope.trainer.layer.gradient.snr";
    public static final String TRAINER_LAYER_UPDATE_RATIO = "sgdscope.trainer.layer.update.ratio";
    public static final String TRAINER_LAYER_ALPHA_WEIGHTED = "sgdscope.trainer.layer.alpha.weighted";
    public static final String TRAINER_LAYER_SPECTRAL_OUTLIERS = "sgdscope.trainer.layer.spectral.outliers";

    // drift detectors on the prequential error, scored against drift.truth
    public static final String DRIFT_DETECTIONS = "sgdscope.drift.detections";
    public static final String DRIFT_TRUE_DETECTIONS = "sgdscope.drift.true.detections";
    public static final String DRIFT_FALSE_ALARMS = "sgdscope.drift.false.alarms";
    public static final String DRIFT_MISSED = "sgdscope.drift.missed";
    public static final String DRIFT_DETECTION_DELAY = "sgdscope.drift.detection.delay.samples";
    public static final String DRIFT_MEAN_DETECTION_DELAY = "sgdscope.drift.mean.detection.delay.samples";
    public static final String DRIFT_LAST_DETECTION = "sgdscope.drift.last.detection.timestamp.seconds";
    public static final String DRIFT_PRECISION = "sgdscope.drift.precision";
    public static final String DRIFT_RECALL = "sgdscope.drift.recall";
    public static final String DRIFT_F1 = "sgdscope.drift.f1";
    public static final String DRIFT_MTFA = "sgdscope.drift.mean.time.between.false.alarms.samples";
    /** The same scores for periodic alarms at the detector's own rate: the chance level. */
    public static final String DRIFT_BASELINE_PRECISION = "sgdscope.drift.baseline.precision";
    public static final String DRIFT_BASELINE_RECALL = "sgdscope.drift.baseline.recall";
    public static final String DRIFT_BASELINE_F1 = "sgdscope.drift.baseline.f1";
    public static final String DRIFT_TRUTH_EVENTS = "sgdscope.drift.truth.events";
    public static final String DRIFT_TRUTH_LAST = "sgdscope.drift.truth.last.timestamp.seconds";

    /** Accuracy and mean loss on the held-out set (trainer.holdout.*), at its latest evaluation. */
    public static final String TRAINER_HOLDOUT_ACCURACY = "sgdscope.trainer.holdout.accuracy";
    public static final String TRAINER_HOLDOUT_LOSS = "sgdscope.trainer.holdout.loss";
    /** Cohen's kappa and macro-F1 of the prequential window, against the observed labels. */
    public static final String TRAINER_KAPPA = "sgdscope.trainer.kappa";
    public static final String TRAINER_MACRO_F1 = "sgdscope.trainer.macro.f1";
    /** Share of the prequential window in one (actual, predicted) cell; tags labels, actual, predicted. */
    public static final String TRAINER_CONFUSION_RATIO = "sgdscope.trainer.confusion.ratio";

    public static final String TAG_MODEL = "model";
    public static final String TAG_STREAM = "stream";
    public static final String TAG_REASON = "reason";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_WINDOW = "window";
    public static final String TAG_VERSION = "version";
    /** 1..k: the rank of a feature among the most shifted, never a feature id. */
    public static final String TAG_RANK = "rank";
    /** The name of a feature in its ingest feature table, e.g. {@code user/country=DE}; one per stream and rank. */
    public static final String TAG_FEATURE_NAME = "feature_name";
    /** A layer's index in the model, 0-based; bounded by the model's depth. */
    public static final String TAG_LAYER = "layer";
    /** 0 (the minimum), 0.05 or 0.5. */
    public static final String TAG_QUANTILE = "quantile";
    /** adwin, page-hinkley or ddm. */
    public static final String TAG_DETECTOR = "detector";
    /** clean or noisy: whether label noise changed the sample's label. */
    public static final String TAG_LABELS = "labels";
    /** A class index 0..k-1 of a model with at most 16 classes (the confusion matrix's bound). */
    public static final String TAG_ACTUAL = "actual";
    public static final String TAG_PREDICTED = "predicted";

    private MeterNames() {
    }
}

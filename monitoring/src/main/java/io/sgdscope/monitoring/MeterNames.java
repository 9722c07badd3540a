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
    public static final String MODEL_GRAD_NORM = "sgdscope.model.grad.norm";

    public static final String TAG_MODEL = "model";
    public static final String TAG_STREAM = "stream";
    public static final String TAG_REASON = "reason";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_WINDOW = "window";
    public static final String TAG_VERSION = "version";
    /** 1..k: the rank of a feature among the most shifted, never a feature id. */
    public static final String TAG_RANK = "rank";

    private MeterNames() {
    }
}

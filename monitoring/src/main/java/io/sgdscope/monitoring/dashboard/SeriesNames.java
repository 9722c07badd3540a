package io.sgdscope.monitoring.dashboard;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.sgdscope.monitoring.MeterNames;

/**
 * The Prometheus names of the meters the live alerts read, derived from {@link MeterNames} the way
 * {@link RegistrySampler} names what it samples, so the two cannot disagree.
 */
final class SeriesNames {

    static final String TRAINER_SAMPLES = counter(MeterNames.TRAINER_SAMPLES);
    static final String TRAINER_DIVERGENCES = counter(MeterNames.TRAINER_DIVERGENCES);
    static final String TRAINER_CONSUMER_LAG = gauge(MeterNames.TRAINER_CONSUMER_LAG, "records");
    static final String TRAINER_ACCURACY = gauge(MeterNames.TRAINER_ACCURACY, null);
    static final String PRODUCER_SAMPLES = counter(MeterNames.PRODUCER_SAMPLES);
    static final String STREAMS_RECORDS = counter(MeterNames.STREAMS_RECORDS);
    static final String MODEL_EOS_RATIO = gauge(MeterNames.MODEL_EOS_RATIO, null);
    static final String MODEL_DEAD_UNITS_RATIO = gauge(MeterNames.MODEL_DEAD_UNITS_RATIO, null);
    static final String MODEL_MARGIN = gauge(MeterNames.MODEL_MARGIN, null);
    static final String DRIFT_DETECTIONS = counter(MeterNames.DRIFT_DETECTIONS);

    /** {@code outcome} values of {@link MeterNames#STREAMS_RECORDS}. */
    static final String OUTCOME_DLQ = "dlq";
    /** {@code window} value of the prequential scores over the last {@code trainer.window} samples. */
    static final String WINDOW_SLIDING = "sliding";
    /** {@code quantile} value of the 5th percentile margin. */
    static final String QUANTILE_P05 = "0.05";

    private SeriesNames() {
    }

    private static String counter(String name) {
        return RegistrySampler.keyOf(new Meter.Id(name, Tags.empty(), null, null, Meter.Type.COUNTER)).name();
    }

    private static String gauge(String name, String baseUnit) {
        return RegistrySampler.keyOf(new Meter.Id(name, Tags.empty(), baseUnit, null, Meter.Type.GAUGE)).name();
    }
}

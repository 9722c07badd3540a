package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.DRIFT_DETECTIONS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_DETECTION_DELAY;
import static io.sgdscope.monitoring.MeterNames.DRIFT_FALSE_ALARMS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_LAST_DETECTION;
import static io.sgdscope.monitoring.MeterNames.DRIFT_BASELINE_F1;
import static io.sgdscope.monitoring.MeterNames.DRIFT_BASELINE_PRECISION;
import static io.sgdscope.monitoring.MeterNames.DRIFT_BASELINE_RECALL;
import static io.sgdscope.monitoring.MeterNames.DRIFT_F1;
import static io.sgdscope.monitoring.MeterNames.DRIFT_MEAN_DETECTION_DELAY;
import static io.sgdscope.monitoring.MeterNames.DRIFT_MTFA;
import static io.sgdscope.monitoring.MeterNames.DRIFT_PRECISION;
import static io.sgdscope.monitoring.MeterNames.DRIFT_RECALL;
import static io.sgdscope.monitoring.MeterNames.DRIFT_MISSED;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUE_DETECTIONS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUTH_EVENTS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUTH_LAST;
import static io.sgdscope.monitoring.MeterNames.TAG_DETECTOR;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.drift.DriftMonitor.DetectorState;
import java.util.function.ToDoubleFunction;

/**
 * A model's drift detectors on its prequential error: detections, and their online score against
 * {@code drift.truth} (true detections, false alarms, missed shifts, delay in samples), tagged
 * {@code model}, {@code stream} and {@code detector}; and the true shifts themselves, for markers.
 */
public final class DriftDetectionMetrics extends ModelMeterBinder {

    public DriftDetectionMetrics(ModelStats stats) {
        super(stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(DRIFT_TRUTH_EVENTS, "True shifts of the stream read from drift.truth (not counting its start)",
                snapshot(ModelStats.Snapshot::truthEvents)).register(registry);
        gauge(DRIFT_TRUTH_LAST, "When the stream's last true shift happened at its producer (unix seconds)",
                snapshot(s -> unixSeconds(s.lastTruthTimeMs()))).register(registry);
        for (String detector : shape().detectors()) {
            detectorCounter(registry, DRIFT_DETECTIONS, detector, "Drifts the detector signalled", DetectorState::detections);
            detectorCounter(registry, DRIFT_TRUE_DETECTIONS, detector, "Detections within the horizon after a true shift",
                    DetectorState::trueDetections);
            detectorCounter(registry, DRIFT_FALSE_ALARMS, detector, "Detections with no true shift before them within the horizon",
                    DetectorState::falseAlarms);
            detectorCounter(registry, DRIFT_MISSED, detector, "True shifts not detected within the horizon",
                    DetectorState::missed);
            detectorGauge(registry, DRIFT_DETECTION_DELAY, detector, "Samples from the last detected true shift to its detection",
                    DetectorState::lastDelay);
            detectorGauge(registry, DRIFT_MEAN_DETECTION_DELAY, detector, "Mean delay of all true detections, in samples",
                    DetectorState::meanDelay);
            detectorGauge(registry, DRIFT_LAST_DETECTION, detector, "Wall-clock time of the last detection (unix seconds)",
                    d -> unixSeconds(d.lastDetectionTimeMs()));
            detectorGauge(registry, DRIFT_PRECISION, detector, "True detections over true detections and false alarms",
                    d -> d.rates().precision());
            detectorGauge(registry, DRIFT_RECALL, detector, "True shifts detected within the horizon, over the decided shifts",
                    d -> d.rates().recall());
            detectorGauge(registry, DRIFT_F1, detector, "Harmonic mean of the detector's precision and recall",
                    d -> d.rates().f1());
            detectorGauge(registry, DRIFT_MTFA, detector, "Mean time between false alarms, in samples",
                    d -> d.rates().meanTimeBetweenFalseAlarms());
            detectorGauge(registry, DRIFT_BASELINE_PRECISION, detector,
                    "Precision of periodic alarms at the detector's own rate: the chance level", d -> d.baseline().precision());
            detectorGauge(registry, DRIFT_BASELINE_RECALL, detector,
                    "Recall of periodic alarms at the detector's own rate: the chance level", d -> d.baseline().recall());
            detectorGauge(registry, DRIFT_BASELINE_F1, detector,
                    "F1 of periodic alarms at the detector's own rate: the chance level", d -> d.baseline().f1());
        }
    }

    private void detectorCounter(MeterRegistry registry, String name, String detector, String description,
                                 ToDoubleFunction<DetectorState> f) {
        counter(name, description, detectorState(detector, f, 0)).tag(TAG_DETECTOR, detector).register(registry);
    }

    private void detectorGauge(MeterRegistry registry, String name, String detector, String description,
                               ToDoubleFunction<DetectorState> f) {
        gauge(name, description, detectorState(detector, f, Double.NaN)).tag(TAG_DETECTOR, detector).register(registry);
    }

    /** Reads the named detector's state in the latest snapshot; {@code none} if the snapshot has no such detector yet. */
    private static ToDoubleFunction<ModelStats> detectorState(String detector, ToDoubleFunction<DetectorState> value,
                                                              double none) {
        return snapshot(s -> {
            for (DetectorState d : s.detectors()) {
                if (d.detector().equals(detector)) {
                    return value.applyAsDouble(d);
                }
            }
            return none;
        });
    }

    /** A wall-clock time in milliseconds as unix seconds; NaN for the -1 that means "never". */
    private static double unixSeconds(long timeMs) {
        return timeMs < 0 ? Double.NaN : timeMs / 1000.0;
    }
}

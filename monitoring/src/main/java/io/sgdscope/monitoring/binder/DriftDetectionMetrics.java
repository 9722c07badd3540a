package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.DRIFT_DETECTIONS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_DETECTION_DELAY;
import static io.sgdscope.monitoring.MeterNames.DRIFT_FALSE_ALARMS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_LAST_DETECTION;
import static io.sgdscope.monitoring.MeterNames.DRIFT_MEAN_DETECTION_DELAY;
import static io.sgdscope.monitoring.MeterNames.DRIFT_MISSED;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUE_DETECTIONS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUTH_EVENTS;
import static io.sgdscope.monitoring.MeterNames.DRIFT_TRUTH_LAST;
import static io.sgdscope.monitoring.MeterNames.TAG_DETECTOR;
import static io.sgdscope.monitoring.MeterNames.TAG_MODEL;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.drift.DriftMonitor;
import java.util.function.ToDoubleFunction;

/**
 * A model's drift detectors on its prequential error: detections, and their online score against
 * {@code drift.truth} (true detections, false alarms, missed shifts, delay in samples), tagged
 * {@code model}, {@code stream} and {@code detector}; and the true shifts themselves, for markers.
 */
public final class DriftDetectionMetrics implements MeterBinder {
    private final ModelStats stats;
    private final Tags tags;

    public DriftDetectionMetrics(ModelStats stats) {
        this.stats = stats;
        this.tags = Tags.of(TAG_MODEL, stats.model(), TAG_STREAM, stats.stream());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(DRIFT_TRUTH_EVENTS, stats, s -> s.snapshot().truthEvents())
                .description("True shifts of the stream read from drift.truth (not counting its start)")
                .tags(tags).register(registry);
        Gauge.builder(DRIFT_TRUTH_LAST, stats, s -> s.snapshot().lastTruthTimeMs() < 0 ? Double.NaN
                        : s.snapshot().lastTruthTimeMs() / 1000.0)
                .description("When the stream's last true shift happened at its producer (unix seconds)")
                .tags(tags).register(registry);
        for (String detector : stats.shape().detectors()) {
            counter(registry, DRIFT_DETECTIONS, detector, "Drifts the detector signalled", DriftMonitor.DetectorState::detections);
            counter(registry, DRIFT_TRUE_DETECTIONS, detector, "Detections within the horizon after a true shift",
                    DriftMonitor.DetectorState::trueDetections);
            counter(registry, DRIFT_FALSE_ALARMS, detector, "Detections with no true shift before them within the horizon",
                    DriftMonitor.DetectorState::falseAlarms);
            counter(registry, DRIFT_MISSED, detector, "True shifts not detected within the horizon",
                    DriftMonitor.DetectorState::missed);
            gauge(registry, DRIFT_DETECTION_DELAY, detector, "Samples from the last detected true shift to its detection",
                    DriftMonitor.DetectorState::lastDelay);
            gauge(registry, DRIFT_MEAN_DETECTION_DELAY, detector, "Mean delay of all true detections, in samples",
                    DriftMonitor.DetectorState::meanDelay);
            gauge(registry, DRIFT_LAST_DETECTION, detector, "Wall-clock time of the last detection (unix seconds)",
                    d -> d.lastDetectionTimeMs() < 0 ? Double.NaN : d.lastDetectionTimeMs() / 1000.0);
        }
    }

    private void counter(MeterRegistry registry, String name, String detector, String description,
                         ToDoubleFunction<DriftMonitor.DetectorState> f) {
        FunctionCounter.builder(name, stats, s -> valueOf(s, detector, f, 0)).description(description).tags(tags)
                .tag(TAG_DETECTOR, detector).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String detector, String description,
                       ToDoubleFunction<DriftMonitor.DetectorState> f) {
        Gauge.builder(name, stats, s -> valueOf(s, detector, f, Double.NaN)).description(description).tags(tags)
                .tag(TAG_DETECTOR, detector).register(registry);
    }

    private static double valueOf(ModelStats s, String detector, ToDoubleFunction<DriftMonitor.DetectorState> f,
                                  double none) {
        for (DriftMonitor.DetectorState d : s.snapshot().detectors()) {
            if (d.detector().equals(detector)) {
                return f.applyAsDouble(d);
            }
        }
        return none;
    }
}

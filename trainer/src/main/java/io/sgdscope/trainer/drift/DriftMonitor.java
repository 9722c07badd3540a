package io.sgdscope.trainer.drift;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.trainer.eval.PrequentialOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A model's drift detectors on its prequential error, each scored online against the stream's
 * drift truth. Runs on the training thread, one observation per sample. Not thread-safe.
 */
public final class DriftMonitor {

    /**
     * One detector's counts and its score against the truth so far; {@code baseline} is the score of
     * a periodic alarm at the same rate ({@link RateMatchedBaseline}), the chance level to read
     * {@code rates} against.
     */
    public record DetectorState(String detector, long detections, long trueDetections, long falseAlarms, long missed,
                                double lastDelay, double meanDelay, long lastDetectionIndex, long lastDetectionTimeMs,
                                Rates rates, Rates baseline) {

        /** The counts-only form, with no rates yet (NaN). */
        public DetectorState(String detector, long detections, long trueDetections, long falseAlarms, long missed,
                             double lastDelay, double meanDelay, long lastDetectionIndex, long lastDetectionTimeMs) {
            this(detector, detections, trueDetections, falseAlarms, missed, lastDelay, meanDelay, lastDetectionIndex,
                    lastDetectionTimeMs, Rates.NONE, Rates.NONE);
        }
    }

    /** Precision, recall and F1 within the horizon, and the mean time between false alarms in samples. */
    public record Rates(double precision, double recall, double f1, double meanTimeBetweenFalseAlarms) {
        public static final Rates NONE = new Rates(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Rates of(DetectionScorer s) {
            return new Rates(s.precision(), s.recall(), s.f1(), s.meanTimeBetweenFalseAlarms());
        }
    }

    private final List<DriftDetector> detectors;
    private final DetectionScorer[] scorers;
    private final DetectionScorer[] baselineScorers;
    private final RateMatchedBaseline[] baselines;
    private final long[] lastDetectionTimeMs;
    private final LongSupplier clockMs;
    /** Truth that arrived before the first observation, when it is not yet known which shifts were seen. */
    private final List<DriftEvent> early = new ArrayList<>();
    /** Index of the first sample observed since creation or restore; -1 before it. */
    private long firstIndex = -1;

    /** @param clockMs read at each detection only, for its wall-clock time */
    public DriftMonitor(List<DriftDetector> detectors, long horizon, LongSupplier clockMs) {
        this.detectors = List.copyOf(detectors);
        this.clockMs = clockMs;
        this.scorers = new DetectionScorer[detectors.size()];
        this.baselineScorers = new DetectionScorer[detectors.size()];
        this.baselines = new RateMatchedBaseline[detectors.size()];
        this.lastDetectionTimeMs = new long[detectors.size()];
        for (int i = 0; i < scorers.length; i++) {
            scorers[i] = new DetectionScorer(horizon);
            baselineScorers[i] = new DetectionScorer(horizon);
            baselines[i] = new RateMatchedBaseline();
            lastDetectionTimeMs[i] = -1;
        }
    }

    /** False when no detector applies (a regressor's errors): then there is nothing to observe. */
    public boolean watching() {
        return !detectors.isEmpty();
    }

    /** Feeds the prequential error of the sample at {@code index} (its 0-based position in the stream). */
    public void observe(PrequentialOutcome outcome, long index) {
        double error = outcome.error();
        if (firstIndex < 0) {
            firstIndex = index;
            early.forEach(this::score);
            early.clear();
        }
        for (int i = 0; i < scorers.length; i++) {
            if (detectors.get(i).update(error)) {
                scorers[i].onDetection(index);
                lastDetectionTimeMs[i] = clockMs.getAsLong();
            }
            scorers[i].advanceTo(index);
            if (baselines[i].observe(index, scorers[i].detections())) {
                baselineScorers[i].onDetection(index);
            }
            baselineScorers[i].advanceTo(index);
        }
    }

    /**
     * Scores the detectors against a true shift. Shifts that began before this monitor's first
     * sample (a trainer that joined mid-stream or restarted from a checkpoint, while the truth is
     * read from the topic's start) were never watched, and count neither as found nor as missed.
     */
    public void onTruth(DriftEvent e) {
        if (firstIndex < 0) {
            early.add(e);
        } else {
            score(e);
        }
    }

    private void score(DriftEvent e) {
        if (e.gradualStartIndex() < firstIndex) {
            return;
        }
        for (int i = 0; i < scorers.length; i++) {
            scorers[i].onTruth(e);
            baselineScorers[i].onTruth(e);
        }
    }

    public List<DetectorState> snapshot() {
        List<DetectorState> out = new ArrayList<>(scorers.length);
        for (int i = 0; i < scorers.length; i++) {
            DetectionScorer s = scorers[i];
            out.add(new DetectorState(detectors.get(i).name(), s.detections(), s.trueDetections(), s.falseAlarms(),
                    s.missed(), s.lastDelay(), s.meanDelay(), s.lastDetectionIndex(), lastDetectionTimeMs[i],
                    Rates.of(s), Rates.of(baselineScorers[i])));
        }
        return out;
    }

    /**
     * The detectors' state, each under its name, so a changed detector list restores what still
     * matches. Scores start afresh after a restore, as the truth is read again from its topic.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(detectors.size());
        for (DriftDetector d : detectors) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream state = new DataOutputStream(bytes)) {
                d.writeState(state);
            }
            out.writeUTF(d.name());
            out.writeInt(bytes.size());
            out.write(bytes.toByteArray());
        }
    }

    public void readState(DataInput in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            for (DriftDetector d : detectors) {
                if (d.name().equals(name)) {
                    d.readState(new DataInputStream(new ByteArrayInputStream(state)));
                }
            }
        }
    }
}

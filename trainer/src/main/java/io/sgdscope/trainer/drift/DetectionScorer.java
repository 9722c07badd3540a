package io.sgdscope.trainer.drift;

import io.sgdscope.common.DriftEvent;

/**
 * Scores one detector's detections online against the ground truth of {@code drift.truth}.
 *
 * <p>A true shift starting at s = {@code gradualStartIndex} and ending at e =
 * {@code gradualEndIndex} is detected by the first detection d with s ≤ d &lt; e + horizon; its
 * delay is d − s. A later detection inside the window of a shift already detected is a repeat
 * (ADWIN, which sheds its old sub-window a few buckets at a time, often reports a shift on
 * consecutive checks); a detection outside every shift's window is a false alarm; a shift with no
 * detection in its window is missed. When windows overlap, a detection finds the earliest shift
 * not yet detected. {@code START} and {@code NONE} events are not shifts.
 *
 * <p>Truth travels on its own topic and may arrive after the samples it describes, so nothing
 * is decided early: a detection stays pending until the stream has advanced {@code horizon}
 * samples past it ({@link #advanceTo} with an index ≥ d + horizon), and a shift until the stream
 * has reached e + horizon with no pending detection left in its window. Truth later than that
 * cannot turn a false alarm back into a detection. Pending detections and pending shifts are
 * each capped at {@code capacity}; when full, the oldest is dropped unscored and counted.
 *
 * <p>Sample indices are the stream's 0-based indices, as in {@link DriftEvent#sampleIndex()}.
 * Not thread-safe: the owner serialises the calls. Calls that decide nothing allocate nothing.
 */
public final class DetectionScorer {

    public static final int DEFAULT_CAPACITY = 1024;

    private final long horizon;
    private final int capacity;

    /** Pending detections, ascending. */
    private final long[] pending;
    private int pendingCount;
    /** Pending shifts, ascending by start. */
    private final long[] shiftStarts;
    private final long[] shiftEnds;
    /** Detected shifts stay until their window has passed, so that repeats are recognised. */
    private final boolean[] shiftDetected;
    private int shiftCount;

    private long position = -1;
    private long nextDue = Long.MAX_VALUE;
    private long lastResolvedStart = Long.MIN_VALUE;

    private long detections;
    private long trueDetections;
    private long falseAlarms;
    private long missed;
    private long repeats;
    private long droppedDetections;
    private long droppedShifts;
    private long lastDetectionIndex = -1;
    /** The first index the stream reached, and the index of the latest false alarm, for their mean spacing. */
    private long firstPosition = -1;
    private long lastFalseAlarmIndex = -1;
    private double lastDelay = Double.NaN;
    private double delaySum;

    public DetectionScorer(long horizon) {
        this(horizon, DEFAULT_CAPACITY);
    }

    public DetectionScorer(long horizon, int capacity) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1 sample, got " + horizon);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.horizon = horizon;
        this.capacity = capacity;
        this.pending = new long[capacity];
        this.shiftStarts = new long[capacity];
        this.shiftEnds = new long[capacity];
        this.shiftDetected = new boolean[capacity];
    }

    /**
     * A ground-truth event of the stream. START and NONE are ignored, and so is a shift already
     * known or starting no later than one already decided (a replayed event): truth for one stream
     * is expected in order of its start.
     */
    public void onTruth(DriftEvent event) {
        if (event.kind() == DriftEvent.Kind.START || event.kind() == DriftEvent.Kind.NONE) {
            return;
        }
        long start = event.gradualStartIndex();
        long end = event.gradualEndIndex();
        if (start <= lastResolvedStart) {
            return;
        }
        int at = 0;
        while (at < shiftCount && shiftStarts[at] < start) {
            at++;
        }
        if (at < shiftCount && shiftStarts[at] == start) {
            return;
        }
        if (shiftCount == capacity) {
            if (at == 0) {
                droppedShifts++;
                return; // the new shift is the oldest
            }
            if (!shiftDetected[0]) {
                droppedShifts++;
            }
            removeShift(0);
            at--;
        }
        System.arraycopy(shiftStarts, at, shiftStarts, at + 1, shiftCount - at);
        System.arraycopy(shiftEnds, at, shiftEnds, at + 1, shiftCount - at);
        System.arraycopy(shiftDetected, at, shiftDetected, at + 1, shiftCount - at);
        shiftStarts[at] = start;
        shiftEnds[at] = end;
        shiftDetected[at] = false;
        shiftCount++;
        nextDue = Math.min(nextDue, end + horizon);
    }

    /** The detector fired at this sample index. */
    public void onDetection(long sampleIndex) {
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + sampleIndex);
        }
        detections++;
        lastDetectionIndex = Math.max(lastDetectionIndex, sampleIndex);
        int at = pendingCount;
        while (at > 0 && pending[at - 1] > sampleIndex) {
            at--;
        }
        if (pendingCount == capacity) {
            droppedDetections++;
            if (at == 0) {
                return; // the new detection is the oldest
            }
            removePending(0);
            at--;
        }
        System.arraycopy(pending, at, pending, at + 1, pendingCount - at);
        pending[at] = sampleIndex;
        pendingCount++;
        nextDue = Math.min(nextDue, sampleIndex + horizon);
    }

    /** The stream has reached this sample index: decides what is due. */
    public void advanceTo(long sampleIndex) {
        if (sampleIndex > position) {
            position = sampleIndex;
        }
        if (firstPosition < 0) {
            firstPosition = sampleIndex;
        }
        if (position < nextDue) {
            return;
        }
        while (pendingCount > 0 && pending[0] + horizon <= position) {
            classify(pending[0]);
            removePending(0);
        }
        long firstPending = pendingCount > 0 ? pending[0] : Long.MAX_VALUE;
        long due = pendingCount > 0 ? firstPending + horizon : Long.MAX_VALUE;
        for (int i = 0; i < shiftCount; ) {
            long windowEnd = shiftEnds[i] + horizon;
            if (windowEnd > position) {
                due = Math.min(due, windowEnd);
                i++;
            } else if (firstPending < windowEnd) {
                i++; // a pending detection may still find it; decided when that one is due
            } else {
                if (!shiftDetected[i]) {
                    missed++;
                }
                lastResolvedStart = Math.max(lastResolvedStart, shiftStarts[i]);
                removeShift(i);
            }
        }
        nextDue = due;
    }

    private void classify(long d) {
        boolean inDetectedWindow = false;
        for (int i = 0; i < shiftCount; i++) {
            long start = shiftStarts[i];
            if (start > d) {
                break;
            }
            if (d < shiftEnds[i] + horizon) {
                if (!shiftDetected[i]) {
                    shiftDetected[i] = true;
                    trueDetections++;
                    lastDelay = d - start;
                    delaySum += lastDelay;
                    return;
                }
                inDetectedWindow = true;
            }
        }
        if (inDetectedWindow) {
            repeats++;
        } else {
            falseAlarms++;
            lastFalseAlarmIndex = Math.max(lastFalseAlarmIndex, d);
        }
    }

    private void removePending(int i) {
        System.arraycopy(pending, i + 1, pending, i, pendingCount - i - 1);
        pendingCount--;
    }

    private void removeShift(int i) {
        System.arraycopy(shiftStarts, i + 1, shiftStarts, i, shiftCount - i - 1);
        System.arraycopy(shiftEnds, i + 1, shiftEnds, i, shiftCount - i - 1);
        System.arraycopy(shiftDetected, i + 1, shiftDetected, i, shiftCount - i - 1);
        shiftCount--;
    }

    public long horizon() {
        return horizon;
    }

    /** Every detection reported, scored or not. */
    public long detections() {
        return detections;
    }

    public long trueDetections() {
        return trueDetections;
    }

    public long falseAlarms() {
        return falseAlarms;
    }

    public long missed() {
        return missed;
    }

    /** Detections inside the window of a shift that an earlier detection had already found. */
    long repeats() {
        return repeats;
    }

    /** Detections waiting for the stream to advance {@code horizon} samples past them. */
    int pendingDetections() {
        return pendingCount;
    }

    /** Shifts whose window has not yet been decided (detected ones stay until it has passed). */
    int pendingShifts() {
        return shiftCount;
    }

    /** Detections dropped unscored because {@code capacity} were already pending. */
    long droppedDetections() {
        return droppedDetections;
    }

    /** Shifts dropped undecided because {@code capacity} were already pending. */
    long droppedShifts() {
        return droppedShifts;
    }

    /** Delay in samples of the latest true detection; NaN before any. */
    public double lastDelay() {
        return lastDelay;
    }

    /** Mean delay in samples of the true detections; NaN before any. */
    public double meanDelay() {
        return trueDetections == 0 ? Double.NaN : delaySum / trueDetections;
    }

    /**
     * Of the scored detections that were not repeats, the share that found a shift:
     * TD / (TD + FA). NaN before any was scored.
     */
    public double precision() {
        long scored = trueDetections + falseAlarms;
        return scored == 0 ? Double.NaN : (double) trueDetections / scored;
    }

    /** Of the decided shifts, the share found within the horizon: TD / (TD + missed). NaN before any was decided. */
    public double recall() {
        long decided = trueDetections + missed;
        return decided == 0 ? Double.NaN : (double) trueDetections / decided;
    }

    /** The harmonic mean of precision and recall; 0 when both are 0, NaN while either is undefined. */
    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * The mean time between false alarms (MTFA), in samples: the span from the first sample the
     * scorer saw to its latest false alarm, over the number of false alarms. NaN before the first.
     */
    public double meanTimeBetweenFalseAlarms() {
        return falseAlarms == 0 ? Double.NaN : (double) (lastFalseAlarmIndex - firstPosition + 1) / falseAlarms;
    }

    /** Sample index of the latest detection; -1 before any. */
    public long lastDetectionIndex() {
        return lastDetectionIndex;
    }
}

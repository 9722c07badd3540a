package io.sgdscope.trainer.eval;

import io.sgdscope.trainer.model.Prediction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feature-time predictions of samples whose labels have not arrived yet, keyed by sample id
 * in arrival order, bounded by {@link PendingLimits}. When the store is full, or its oldest entry
 * is older than the age limit in event time, that entry is evicted and counted: its label, if it
 * ever comes, is then late-scored. Not thread-safe.
 *
 * <p>Age is checked from the oldest arrival: an entry whose event time is older than one that
 * arrived before it waits for the entries ahead of it (or for the count limit).
 */
public final class PendingPredictions {

    /** One held prediction and the event time of its sample. */
    public record Held(Prediction prediction, long sampleTimeMs) {
    }

    private final PendingLimits limits;
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
    private long newestTimeMs = Long.MIN_VALUE;
    private long evicted;

    public PendingPredictions(PendingLimits limits) {
        this.limits = limits;
    }

    /**
     * Holds a sample's prediction until its label comes. A sample already held keeps its first
     * prediction: that one was made when its features first arrived.
     */
    public void hold(String sampleId, long sampleTimeMs, Prediction p) {
        held.putIfAbsent(sampleId, new Held(p, sampleTimeMs));
        newestTimeMs = Math.max(newestTimeMs, sampleTimeMs);
        enforceLimits();
    }

    /** Removes and returns the sample's prediction, or null if it is not held (evicted, or never seen). */
    public Held take(String sampleId) {
        return held.isEmpty() ? null : held.remove(sampleId);
    }

    /** Moves event time forward to a sample's time (never back), evicting what that makes too old. */
    public void advanceTo(long sampleTimeMs) {
        if (sampleTimeMs <= newestTimeMs) {
            return;
        }
        newestTimeMs = sampleTimeMs;
        enforceLimits();
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator();
        it.next();
        it.remove();
        evicted++;
    }

    public int size() {
        return held.size();
    }

    /** Predictions dropped by a limit before their label came. */
    public long evicted() {
        return evicted;
    }

    /** Event-time age of the oldest held prediction against the newest sample seen, in seconds; 0 when empty. */
    public double oldestAgeSeconds() {
        if (held.isEmpty()) {
            return 0;
        }
        return Math.max(0, newestTimeMs - held.values().iterator().next().sampleTimeMs()) / 1000.0;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(newestTimeMs);
        out.writeLong(evicted);
        out.writeInt(held.size());
        for (Map.Entry<String, Held> e : held.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().sampleTimeMs());
            Prediction p = e.getValue().prediction();
            out.writeDouble(p.value());
            out.writeInt(p.probabilities().length);
            for (double q : p.probabilities()) {
                out.writeDouble(q);
            }
        }
    }

    /**
     * Replaces the held predictions with the saved ones, in their saved order. The limits are this
     * store's: what a smaller limit no longer allows is evicted (and counted) at once.
     */
    public void readState(DataInput in) throws IOException {
        newestTimeMs = in.readLong();
        evicted = in.readLong();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("pending predictions: negative count " + n);
        }
        held.clear();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            long time = in.readLong();
            double value = in.readDouble();
            int classes = in.readInt();
            if (classes < 0) {
                throw new IOException("pending prediction of " + id + ": negative class count " + classes);
            }
            double[] probabilities = new double[classes];
            for (int k = 0; k < classes; k++) {
                probabilities[k] = in.readDouble();
            }
            held.put(id, new Held(new Prediction(probabilities, value), time));
        }
        enforceLimits();
    }

    private void enforceLimits() {
        long oldestKept = newestTimeMs - limits.maxAgeMs();
        while (!held.isEmpty() && (held.size() > limits.maxCount()
                || newestTimeMs != Long.MIN_VALUE && held.values().iterator().next().sampleTimeMs() < oldestKept)) {
            evictOldest();
        }
    }
}

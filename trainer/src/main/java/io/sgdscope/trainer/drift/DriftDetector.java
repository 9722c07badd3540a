package io.sgdscope.trainer.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A change detector fed one observation per sample (River's {@code update(x)} shape): the
 * prequential 0/1 error of a classifier, or a per-sample loss. {@link #update} returns true only
 * for the observation at which a drift was found; after a detection the detector adapts as its
 * algorithm says (ADWIN drops the old sub-window, Page-Hinkley and DDM start afresh).
 *
 * <p>Not thread-safe: the training thread owns it. Updates allocate nothing. Hyperparameters are
 * validated constructor arguments.
 */
public interface DriftDetector {

    /** Short fixed name, used as the {@code detector} tag: {@code adwin}, {@code page-hinkley}, {@code ddm}. */
    String name();

    /**
     * One observation.
     *
     * @return true iff a drift is detected at this observation
     * @throws IllegalArgumentException if the value is not finite, or not one the detector accepts
     *         (DDM takes 0 and 1 only); the detector's state is then unchanged
     */
    boolean update(double value);

    /** Back to the state of a freshly constructed detector with the same settings. */
    void reset();

    /** Exact state, for checkpoints: a restored detector makes the same decisions as the original. */
    void writeState(DataOutput out) throws IOException;

    /**
     * Restores what {@link #writeState} wrote. A restore that fails leaves the detector as it was.
     *
     * @throws IOException if the data are damaged or were written by a detector with other settings
     */
    void readState(DataInput in) throws IOException;

    /** For implementations: rejects a non-finite observation with a message naming the detector. */
    static void requireFinite(String detector, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(detector + ": observation must be finite, got " + value);
        }
    }

    /** For implementations: the settings a checkpoint was written with must match this detector's. */
    static void requireSame(String detector, String setting, double saved, double configured) throws IOException {
        if (Double.doubleToLongBits(saved) != Double.doubleToLongBits(configured)) {
            throw new IOException(detector + " state was saved with " + setting + " = " + saved
                    + ", this detector has " + configured);
        }
    }
}

package io.sgdscope.trainer.insight;

import io.sgdscope.common.Sample;
import java.util.Arrays;

/**
 * The last {@code capacity} samples a model learned, by reference: samples are immutable, so
 * keeping them costs one array store per sample on the training thread, and a snapshot copies
 * only the references. Not thread-safe.
 */
public final class SampleWindow {
    private final Sample[] ring;
    private long added;

    public SampleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.ring = new Sample[capacity];
    }

    public void add(Sample s) {
        ring[(int) (added % ring.length)] = s;
        added++;
    }

    public int size() {
        return (int) Math.min(added, ring.length);
    }

    public int capacity() {
        return ring.length;
    }

    /** The window's samples, oldest first, in a new array. */
    public Sample[] toArray() {
        int n = size();
        if (added <= ring.length) {
            return Arrays.copyOf(ring, n);
        }
        Sample[] out = new Sample[n];
        int start = (int) (added % ring.length);
        System.arraycopy(ring, start, out, 0, n - start);
        System.arraycopy(ring, 0, out, n - start, start);
        return out;
    }

    public void clear() {
        Arrays.fill(ring, null);
        added = 0;
    }
}

package io.sgdscope.trainer.model;

import java.util.Arrays;

/**
 * A reusable mini-batch: feature rows and one target per row (a class index for classifiers,
 * the value for regression). Rows are not copied: callers must not mutate them while batched.
 */
public final class Batch {

    private final float[][] features;
    private final double[] targets;
    private int size;

    public Batch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.features = new float[capacity][];
        this.targets = new double[capacity];
    }

    public void add(float[] x, double target) {
        if (size == features.length) {
            throw new IllegalStateException("batch is full (" + size + ")");
        }
        features[size] = x;
        targets[size] = target;
        size++;
    }

    public void clear() {
        Arrays.fill(features, 0, size, null);
        size = 0;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return features.length;
    }

    public boolean isFull() {
        return size == features.length;
    }

    public float[] features(int row) {
        return features[checked(row)];
    }

    public double target(int row) {
        return targets[checked(row)];
    }

    /** Rows [from, to) as a new batch sharing the feature rows; for SAM's micro-batches. */
    public Batch slice(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size);
        }
        Batch b = new Batch(to - from);
        for (int i = from; i < to; i++) {
            b.add(features[i], targets[i]);
        }
        return b;
    }

    private int checked(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return row;
    }
}

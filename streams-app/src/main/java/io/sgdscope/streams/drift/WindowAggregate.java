package io.sgdscope.streams.drift;

import io.sgdscope.common.Label;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The running statistics of one stream over one window: count, per-feature mean and M2 (Welford),
 * per-feature histograms on a fixed grid, and the label distribution. Mutable; owned by one task.
 * Features and labels are added apart, because a sample whose label comes later is counted twice
 * otherwise: its features when it arrives, its label when the label does ({@link DriftProcessor}).
 */
final class WindowAggregate {

    final long windowStartMs;
    final int dimension;
    final int bins;
    final double range;
    long count;
    final double[] mean;
    final double[] m2;
    /** {@code dimension} rows of {@code bins + 2} cells: underflow, the bins, overflow. */
    final int[] histogram;
    final TreeMap<String, Long> labels;

    WindowAggregate(long windowStartMs, int dimension, int bins, double range) {
        this(windowStartMs, dimension, bins, range, 0, new double[dimension], new double[dimension],
                new int[dimension * (bins + 2)], new TreeMap<>());
    }

    private WindowAggregate(long windowStartMs, int dimension, int bins, double range, long count, double[] mean,
                            double[] m2, int[] histogram, TreeMap<String, Long> labels) {
        this.windowStartMs = windowStartMs;
        this.dimension = dimension;
        this.bins = bins;
        this.range = range;
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
        this.histogram = histogram;
        this.labels = labels;
    }

    int cells() {
        return bins + 2;
    }

    /** The cell of {@code x}: 0 below -range, bins + 1 at or above range, else 1..bins. */
    int cell(double x) {
        if (x < -range) {
            return 0;
        }
        if (x >= range) {
            return bins + 1;
        }
        int b = (int) ((x + range) / (2 * range) * bins);
        return 1 + Math.min(b, bins - 1);
    }

    /** Adds a sample: its features, and its label when it has one. */
    void add(float[] x, Label label) {
        addFeatures(x);
        if (label != null) {
            addLabel(label);
        }
    }

    void addFeatures(float[] x) {
        count++;
        int cells = cells();
        for (int f = 0; f < dimension; f++) {
            double v = x[f];
            double delta = v - mean[f];
            mean[f] += delta / count;
            m2[f] += delta * (v - mean[f]);
            histogram[f * cells + cell(v)]++;
        }
    }

    void addLabel(Label label) {
        labels.merge(labelKey(label), 1L, Long::sum);
    }

    String labelKey(Label label) {
        if (label instanceof Label.ClassIndex c) {
            return Integer.toString(c.index());
        }
        int c = cell(label.asDouble());
        if (c == 0) {
            return "(-inf," + (-range) + ")";
        }
        if (c == bins + 1) {
            return "[" + range + ",inf)";
        }
        double w = 2 * range / bins;
        return "[" + (-range + (c - 1) * w) + "," + (-range + c * w) + ")";
    }

    double variance(int f) {
        return count > 1 ? m2[f] / (count - 1) : 0.0;
    }

    Map<String, Long> labelCounts() {
        return labels;
    }

    static Serde<WindowAggregate> serde() {
        return Serdes.serdeFrom((t, a) -> a == null ? null : a.encode(), (t, b) -> b == null ? null : decode(b));
    }

    /** Little-endian, so the bulk copies below are plain memory copies on x86 and ARM. */
    private static final java.nio.ByteOrder ORDER = java.nio.ByteOrder.LITTLE_ENDIAN;

    /** Layout: header, means, M2s, histogram (bulk copies, it is written once per record), labels. */
    private byte[] encode() {
        int labelBytes = 4;
        byte[][] keys = new byte[labels.size()][];
        int i = 0;
        for (Map.Entry<String, Long> e : labels.entrySet()) {
            keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            labelBytes += 4 + keys[i].length + 8;
            i++;
        }
        int header = 8 + 4 + 4 + 8 + 8;
        int moments = dimension * 16;
        int cells = histogram.length * 4;
        ByteBuffer b = ByteBuffer.allocate(header + moments + cells + labelBytes).order(ORDER);
        b.putLong(windowStartMs).putInt(dimension).putInt(bins).putDouble(range).putLong(count);
        b.asDoubleBuffer().put(mean).put(m2);
        b.position(header + moments);
        b.asIntBuffer().put(histogram);
        b.position(header + moments + cells);
        b.putInt(labels.size());
        i = 0;
        for (long v : labels.values()) {
            b.putInt(keys[i].length).put(keys[i]).putLong(v);
            i++;
        }
        return b.array();
    }

    private static WindowAggregate decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ORDER);
        long start = b.getLong();
        int dimension = b.getInt();
        int bins = b.getInt();
        double range = b.getDouble();
        long count = b.getLong();
        int header = b.position();
        double[] mean = new double[dimension];
        double[] m2 = new double[dimension];
        b.asDoubleBuffer().get(mean).get(m2);
        int[] histogram = new int[dimension * (bins + 2)];
        b.position(header + dimension * 16);
        b.asIntBuffer().get(histogram);
        b.position(header + dimension * 16 + histogram.length * 4);
        TreeMap<String, Long> labels = new TreeMap<>();
        int n = b.getInt();
        for (int j = 0; j < n; j++) {
            byte[] k = new byte[b.getInt()];
            b.get(k);
            labels.put(new String(k, StandardCharsets.UTF_8), b.getLong());
        }
        return new WindowAggregate(start, dimension, bins, range, count, mean, m2, histogram, labels);
    }
}

package io.sgdscope.streams.standardize;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Running count, mean and M2 per feature (Welford's algorithm). Mutable; owned by one task. */
public final class RunningMoments {

    private long count;
    private final double[] mean;
    private final double[] m2;

    public RunningMoments(int dimension) {
        this(0, new double[dimension], new double[dimension]);
    }

    private RunningMoments(long count, double[] mean, double[] m2) {
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    public int dimension() {
        return mean.length;
    }

    public long count() {
        return count;
    }

    public double mean(int f) {
        return mean[f];
    }

    /** Sample variance (n - 1 in the denominator); 0 until two values are seen. */
    public double variance(int f) {
        return count > 1 ? m2[f] / (count - 1) : 0.0;
    }

    public void add(float[] x) {
        count++;
        for (int f = 0; f < mean.length; f++) {
            double delta = x[f] - mean[f];
            mean[f] += delta / count;
            m2[f] += delta * (x[f] - mean[f]);
        }
    }

    /**
     * {@code (x - mean) / sd} per feature; a feature with zero variance so far (the first sample,
     * or a constant feature) is only centred.
     */
    public float[] standardize(float[] x) {
        float[] z = new float[x.length];
        for (int f = 0; f < x.length; f++) {
            double var = variance(f);
            double centred = x[f] - mean[f];
            z[f] = (float) (var > 0 ? centred / Math.sqrt(var) : centred);
        }
        return z;
    }

    public static Serde<RunningMoments> serde() {
        return Serdes.serdeFrom((t, m) -> m == null ? null : m.encode(), (t, b) -> b == null ? null : decode(b));
    }

    /** Count, dimension, means, M2s; little-endian bulk copies, as it is written once per record. */
    private byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(12 + mean.length * 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(count).putInt(mean.length);
        b.asDoubleBuffer().put(mean).put(m2);
        return b.array();
    }

    private static RunningMoments decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long count = b.getLong();
        int d = b.getInt();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        b.asDoubleBuffer().get(mean).get(m2);
        return new RunningMoments(count, mean, m2);
    }
}

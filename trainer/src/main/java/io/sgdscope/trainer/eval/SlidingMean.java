package io.sgdscope.trainer.eval;

/** The mean of the last {@code window} values, from a ring buffer and a running sum. */
public final class SlidingMean implements Metric {
    private final double[] ring;
    private int next;
    private int filled;
    private double sum;

    public SlidingMean(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.ring = new double[window];
    }

    @Override
    public void update(double x) {
        sum += x - ring[next];
        ring[next] = x;
        next = (next + 1) % ring.length;
        filled = Math.min(filled + 1, ring.length);
        if (next == 0) {
            // re-sum once per lap so floating-point error cannot accumulate without bound
            sum = 0;
            for (double v : ring) {
                sum += v;
            }
        }
    }

    @Override
    public double value() {
        return filled == 0 ? Double.NaN : sum / filled;
    }
}

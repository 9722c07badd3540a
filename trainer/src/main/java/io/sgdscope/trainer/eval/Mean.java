package io.sgdscope.trainer.eval;

/** The mean of everything seen: cumulative prequential accuracy or loss. */
public final class Mean implements Metric {
    private long n;
    private double mean;

    @Override
    public void update(double x) {
        n++;
        mean += (x - mean) / n;
    }

    @Override
    public double value() {
        return n == 0 ? Double.NaN : mean;
    }

    public long count() {
        return n;
    }
}

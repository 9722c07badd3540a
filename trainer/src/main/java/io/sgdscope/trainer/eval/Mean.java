package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(n);
        out.writeDouble(mean);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        n = in.readLong();
        mean = in.readDouble();
    }
}

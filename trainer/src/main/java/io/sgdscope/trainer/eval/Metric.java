package io.sgdscope.trainer.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A running statistic over a stream of per-sample scores. */
public interface Metric {

    void update(double x);

    /** NaN until the first update. */
    double value();

    /** Exact state, for checkpoints. */
    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}

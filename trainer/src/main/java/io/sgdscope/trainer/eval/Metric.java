package io.sgdscope.trainer.eval;

/** A running statistic over a stream of per-sample scores. */
public interface Metric {

    void update(double x);

    /** NaN until the first update. */
    double value();
}

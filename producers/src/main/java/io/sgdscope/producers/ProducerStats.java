package io.sgdscope.producers;

import java.util.concurrent.atomic.LongAdder;

/** Counters a producer keeps; a metrics binder reads them from outside. */
public final class ProducerStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public void recordSent() {
        sent.increment();
    }

    public void recordAcked() {
        acked.increment();
    }

    public void recordFailed() {
        failed.increment();
    }

    public long sent() {
        return sent.sum();
    }

    /** Samples the broker confirmed. */
    public long acked() {
        return acked.sum();
    }

    public long failed() {
        return failed.sum();
    }
}

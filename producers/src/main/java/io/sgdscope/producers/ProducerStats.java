package io.sgdscope.producers;

import java.util.concurrent.atomic.LongAdder;

/** Counters a producer keeps; a metrics binder reads them from outside. */
public final class ProducerStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder truthEvents = new LongAdder();
    private final LongAdder labelsSent = new LongAdder();
    private volatile int phase;

    public void recordSent() {
        sent.increment();
    }

    public void recordAcked() {
        acked.increment();
    }

    public void recordFailed() {
        failed.increment();
    }

    public void recordTruthEvent() {
        truthEvents.increment();
    }

    public void recordLabelSent() {
        labelsSent.increment();
    }

    public void phase(int phase) {
        this.phase = phase;
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

    /** Drift truth events handed to the sink. */
    public long truthEvents() {
        return truthEvents.sum();
    }

    /** Labels sent apart from their samples, to {@code labels.raw}. */
    public long labelsSent() {
        return labelsSent.sum();
    }

    /** The scenario phase of the last sample sent. */
    public int phase() {
        return phase;
    }
}

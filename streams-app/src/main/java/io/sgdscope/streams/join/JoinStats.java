package io.sgdscope.streams.join;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** Counts of the delayed-label join, and a hook through which a metrics binder sees each label delay. */
public final class JoinStats {
    private final LongAdder joined = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile LongConsumer delayListener = d -> { };

    /** @param listener told each join's label delay in ms (label event time minus sample event time, at least 0) */
    public void onLabelDelay(LongConsumer listener) {
        this.delayListener = listener;
    }

    public void recordJoined(long delayMs) {
        joined.increment();
        delayListener.accept(Math.max(0, delayMs));
    }

    public void recordMiss() {
        misses.increment();
    }

    /** Samples that got their label within the window. */
    public long joined() {
        return joined.sum();
    }

    /** Samples whose label did not arrive within the window; they went to {@code samples.unlabeled}. */
    public long misses() {
        return misses.sum();
    }
}

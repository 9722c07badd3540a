package io.sgdscope.producers;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces events to a steady rate by scheduling event i at start + i/rate. A late producer catches
 * up in a burst rather than drifting below the rate. A rate of 0 means unlimited.
 */
public final class RateLimiter {
    private final double nanosPerEvent;
    private final LongSupplier nanoClock;
    private long start = Long.MIN_VALUE;
    private long events;

    public RateLimiter(double eventsPerSecond, LongSupplier nanoClock) {
        if (eventsPerSecond < 0 || Double.isNaN(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be >= 0, got " + eventsPerSecond);
        }
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
        this.nanoClock = nanoClock;
    }

    public static RateLimiter perSecond(double eventsPerSecond) {
        return new RateLimiter(eventsPerSecond, System::nanoTime);
    }

    /** How long the caller must wait before event number {@code events} may go; 0 if it may go now. */
    public long nanosUntilNext() {
        long now = nanoClock.getAsLong();
        if (start == Long.MIN_VALUE) {
            start = now;
        }
        long due = start + (long) (events * nanosPerEvent);
        return Math.max(0, due - now);
    }

    /** Blocks until the next event is due, then counts it. */
    public void acquire() {
        long wait;
        while ((wait = nanosUntilNext()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        events++;
    }
}

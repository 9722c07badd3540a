package io.sgdscope.trainer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the polling thread hands the training thread, in the order it happened: polled batches and,
 * between them, the consumer's events (rebalances, a skipped record, the end of the input). Bounded
 * in batches, so memory stays bounded and a slow trainer stops the poller (back-pressure); events
 * are never refused for lack of room, because the poller waits for their outcome inside a rebalance
 * callback and the trainer needs no room to take them.
 *
 * <p>Closing ends the hand-off for both sides at once: a waiting put or take returns, later puts are
 * refused, and what was not taken stays for {@link #drainClosed()}, so the training thread can still
 * answer the events the poller is waiting on.
 */
final class HandOff<B, E> {

    /** One item: a batch or an event, never both. */
    record Item<B, E>(B batch, E event) {
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taken = lock.newCondition();
    private final Condition handed = lock.newCondition();
    private final ArrayDeque<Item<B, E>> items = new ArrayDeque<>();
    /** Records handed over and not yet trained: part of the consumer lag the poller reports. */
    private final AtomicLong pendingRecords = new AtomicLong();
    private int batches;
    private boolean closed;

    HandOff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("hand-off capacity must be >= 1 batch, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The outcome of {@link #offer}. */
    enum Offered { HANDED, FULL, CLOSED }

    /**
     * Hands {@code batch} of {@code records} records over, waiting up to {@code timeoutNanos} for room:
     * FULL when the wait ended first (the poller then does its periodic work and offers again).
     */
    Offered offer(B batch, int records, long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = timeoutNanos;
            while (!closed && batches >= capacity) {
                if (left <= 0) {
                    return Offered.FULL;
                }
                left = taken.awaitNanos(left);
            }
            if (closed) {
                return Offered.CLOSED;
            }
            items.add(new Item<>(batch, null));
            batches++;
            pendingRecords.addAndGet(records);
            handed.signal();
            return Offered.HANDED;
        } finally {
            lock.unlock();
        }
    }

    /** Hands an event over behind everything handed before it; false if closed. */
    boolean event(E event) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            items.add(new Item<>(null, event));
            handed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting for one; null once closed. */
    Item<B, E> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && items.isEmpty()) {
                handed.await();
            }
            if (closed) {
                return null;
            }
            Item<B, E> item = items.poll();
            if (item.batch() != null) {
                batches--;
                taken.signal();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** The training thread's: {@code records} handed-over records are trained (or skipped). */
    void trained(int records) {
        pendingRecords.addAndGet(-records);
    }

    long pendingRecords() {
        return pendingRecords.get();
    }

    /** Ends the hand-off; idempotent, from any thread. */
    void close() {
        lock.lock();
        try {
            closed = true;
            taken.signalAll();
            handed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes, and returns the events nobody took, in order; their batches are dropped untrained. */
    List<E> drainClosed() {
        lock.lock();
        try {
            closed = true;
            taken.signalAll();
            handed.signalAll();
            List<E> events = new ArrayList<>();
            for (Item<B, E> item : items) {
                if (item.event() != null) {
                    events.add(item.event());
                }
            }
            items.clear();
            batches = 0;
            pendingRecords.set(0);
            return events;
        } finally {
            lock.unlock();
        }
    }
}

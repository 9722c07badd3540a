package io.sgdscope.trainer.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands predictions to another sink on a thread of its own, so that the training thread pays
 * for a queue insert instead of encoding a record and appending it to a producer's batch
 * (1-3 µs, as much as a whole step of a small model). The queue is bounded and a full queue
 * makes the training thread wait: back-pressure, never a dropped prediction. {@link #flush}
 * waits until everything accepted so far has reached the target sink, then flushes that, so a
 * checkpoint still follows the delivery of every prediction made before it.
 */
public final class QueuedPredictionSink implements PredictionSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedPredictionSink.class);
    /** Records the worker hands on in one go, between two updates of {@link #handed}. */
    private static final int DRAIN = 512;

    private final PredictionSink target;
    private final BlockingQueue<PredictionRecord> queue;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean closed;

    public QueuedPredictionSink(PredictionSink target, int capacity, ThreadFactory threads) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = threads.newThread(this::run);
        worker.start();
    }

    @Override
    public void accept(PredictionRecord r) {
        if (closed) {
            throw new IllegalStateException("the prediction queue is closed");
        }
        accepted.incrementAndGet();
        try {
            queue.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the caller is being stopped: hand it on directly rather than lose it
            target.accept(r);
            markHanded(1);
        }
    }

    /** Waits until the worker has handed on every prediction accepted so far, then flushes the target. */
    @Override
    public void flush() {
        long goal = accepted.get();
        synchronized (progress) {
            while (handed.get() < goal && worker.isAlive()) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        target.flush();
    }

    /** Predictions accepted but not yet handed to the target. */
    public long queued() {
        return accepted.get() - handed.get();
    }

    private void run() {
        List<PredictionRecord> batch = new ArrayList<>(DRAIN);
        try {
            while (!closed || !queue.isEmpty()) {
                PredictionRecord first = queue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, DRAIN - 1);
                for (PredictionRecord r : batch) {
                    try {
                        target.accept(r);
                    } catch (RuntimeException e) {
                        // a sink counts its own failures; one that throws must not stop the queue
                        LOG.warn("prediction sink failed on sample {}: {}", r.sampleId(), e.toString());
                    }
                }
                markHanded(batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void markHanded(int n) {
        handed.addAndGet(n);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Hands on what is queued, then stops the worker; the target is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            LOG.warn("the prediction queue did not empty in 10 s; {} predictions were not handed on", queued());
        }
    }
}

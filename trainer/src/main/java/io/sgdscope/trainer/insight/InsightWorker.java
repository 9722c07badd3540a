package io.sgdscope.trainer.insight;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that computes the models' metrics. Submitting never blocks: each key holds
 * at most one waiting job, and a newer snapshot supersedes a waiting one, so a slow computation
 * makes the metrics coarser, never the training slower.
 */
public final class InsightWorker implements InsightRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InsightWorker.class);

    private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> order = new LinkedBlockingQueue<>();
    private final LongAdder computed = new LongAdder();
    private final LongAdder superseded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    public InsightWorker() {
        this.thread = new Thread(this::loop, "sgdscope-metrics");
        thread.setDaemon(true);
        // the training thread comes first on a busy machine
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void submit(String key, Runnable job) {
        if (closed) {
            return;
        }
        if (waiting.put(key, job) == null) {
            order.add(key);
        } else {
            superseded.increment();
        }
    }

    private void loop() {
        while (!closed) {
            String key;
            try {
                key = order.take();
            } catch (InterruptedException e) {
                return;
            }
            Runnable job = waiting.remove(key);
            if (job == null) {
                continue;
            }
            long start = System.nanoTime();
            try {
                job.run();
                computed.increment();
            } catch (RuntimeException | LinkageError e) {
                failed.increment();
                LOG.warn("metrics computation for {} failed; training goes on: {}", key, e.toString(), e);
            } finally {
                busyNanos.add(System.nanoTime() - start);
            }
        }
    }

    public long computed() {
        return computed.sum();
    }

    public long superseded() {
        return superseded.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Time spent computing, in seconds. */
    public double busySeconds() {
        return busyNanos.sum() / 1e9;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

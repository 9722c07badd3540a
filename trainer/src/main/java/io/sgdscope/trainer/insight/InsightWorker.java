package io.sgdscope.trainer.insight;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that computes the models' metrics, with the models' inspectors, which only
 * it touches. Submitting never blocks: each key holds at most one waiting snapshot, and a newer
 * snapshot supersedes a waiting one, so a slow computation makes the metrics coarser, never the
 * training slower.
 */
public final class InsightWorker implements InsightRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InsightWorker.class);

    private record Inspection(ModelSnapshot snapshot, Supplier<ModelInspector> newInspector,
                              Consumer<InsightReport> reports) {
    }

    /** A key whose waiting snapshot is due, or whose inspector is to be closed. */
    private record Turn(String key, boolean release) {
    }

    private final Map<String, Inspection> waiting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Turn> order = new LinkedBlockingQueue<>();
    /** Used only on the worker thread. */
    private final InlineInsightRunner inspectors = new InlineInsightRunner();
    private final LongAdder computed = new LongAdder();
    private final LongAdder superseded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
    private final Thread thread;
    /** The share of wall-clock time this thread may compute ({@code trainer.metrics.max-share}); 1 means no rest. */
    private final double maxShare;
    private volatile boolean closed;

    /** A worker that computes whenever a snapshot waits. */
    public InsightWorker() {
        this(1);
    }

    /** @param maxShare after each computation of c seconds, the worker rests c·(1/maxShare − 1) */
    public InsightWorker(double maxShare) {
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("max share must be in (0, 1], got " + maxShare);
        }
        this.maxShare = maxShare;
        this.thread = new Thread(this::loop, "sgdscope-metrics");
        thread.setDaemon(true);
        // the training thread comes first on a busy machine
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void submit(ModelSnapshot snapshot, Supplier<ModelInspector> newInspector, Consumer<InsightReport> reports) {
        if (closed) {
            return;
        }
        String key = snapshot.key();
        if (waiting.put(key, new Inspection(snapshot, newInspector, reports)) == null) {
            order.add(new Turn(key, false));
        } else {
            superseded.increment();
        }
    }

    @Override
    public void release(String key) {
        waiting.remove(key);
        order.add(new Turn(key, true));
    }

    private void loop() {
        try {
            while (!closed) {
                Turn turn;
                try {
                    turn = order.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (turn.release()) {
                    inspectors.release(turn.key());
                } else if (!rest(inspect(turn.key()))) {
                    return;
                }
            }
        } finally {
            inspectors.close();
        }
    }

    /** @return the nanoseconds it computed */
    private long inspect(String key) {
        Inspection job = waiting.remove(key);
        if (job == null) {
            return 0; // released while it waited
        }
        long start = System.nanoTime();
        try {
            inspectors.submit(job.snapshot(), job.newInspector(), job.reports());
            computed.increment();
        } catch (RuntimeException | LinkageError e) {
            failed.increment();
            LOG.warn("metrics computation for {} failed; training goes on: {}", key, e.toString(), e);
        }
        long busy = System.nanoTime() - start;
        busyNanos.add(busy);
        return busy;
    }

    /**
     * Keeps the thread's compute share at most {@link #maxShare}; snapshots submitted meanwhile
     * wait, the newest of each model replacing the older one.
     *
     * @return false if interrupted (closed)
     */
    private boolean rest(long busyNanos) {
        if (maxShare >= 1 || busyNanos <= 0) {
            return true;
        }
        long restNanos = restNanos(busyNanos, maxShare);
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(restNanos);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The rest after {@code busyNanos} of computing that keeps the share of time computing at {@code share}. */
    static long restNanos(long busyNanos, double share) {
        return share >= 1 ? 0 : (long) (busyNanos * (1 / share - 1));
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

    /** Stops the thread; it closes the inspectors once its current computation, if any, is done. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

package io.sgdscope.launcher.run;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of one command. Parts close in reverse start order (producer before streams
 * before broker), each loop thread is joined with a deadline, and a failing loop is reported once
 * and ends the group's wait.
 */
public final class ServiceGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceGroup.class);
    private static final Duration JOIN = Duration.ofSeconds(4);

    private final Deque<Runnable> closers = new ArrayDeque<>();
    private final ShutdownSignal signal;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public ServiceGroup(ShutdownSignal signal) {
        this.signal = signal;
    }

    /** Registers something to close when the group closes. */
    public <T extends AutoCloseable> T add(String name, T resource) {
        closers.push(() -> closeQuietly(name, resource));
        return resource;
    }

    /**
     * Runs a loop on its own thread. {@code stop} must make the loop return promptly; a loop that
     * throws ends the whole group, because a pipeline missing a part would silently stall.
     */
    public Thread run(String name, Runnable loop, Runnable stop) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                fail(name, e);
            }
        }, "sgdscope-" + name);
        closers.push(() -> {
            stop.run();
            try {
                t.join(JOIN.toMillis());
                if (t.isAlive()) {
                    LOG.warn("{} did not stop within {} s", name, JOIN.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    /** Reports a part that stopped for good; the first failure ends the group's wait. */
    public void fail(String name, Throwable e) {
        if (failure.compareAndSet(null, e)) {
            LOG.error("{} failed: {}", name, e.toString());
        }
        signal.trigger();
    }

    /** A loop that ends by itself (e.g. the trainer at the end of its input) ends the run. */
    public void finished(String name) {
        LOG.info("{} finished", name);
        signal.trigger();
    }

    /** The first error a loop died of, if any. */
    public Throwable failure() {
        return failure.get();
    }

    private static void closeQuietly(String name, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
    }
}

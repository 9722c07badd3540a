package io.sgdscope.launcher.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Connects SIGTERM / Ctrl-C to a command's main thread. The JVM hook only signals and then waits
 * for the main thread to finish closing, so shutdown runs once, in order, on one thread.
 */
public final class ShutdownSignal {

    private static final Duration MAX_CLOSE = Duration.ofSeconds(10);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    /** Installs the JVM shutdown hook. Tests create signals without one. */
    public static ShutdownSignal onJvmShutdown() {
        ShutdownSignal s = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.trigger();
            try {
                s.done.await(MAX_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sgdscope-shutdown"));
        return s;
    }

    public void trigger() {
        requested.countDown();
    }

    /** Blocks until shutdown is requested or {@code max} passes (null = forever). */
    public void await(Duration max) throws InterruptedException {
        if (max == null) {
            requested.await();
        } else {
            requested.await(max.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Tells the hook that closing has finished and the JVM may exit. */
    public void closed() {
        done.countDown();
    }
}

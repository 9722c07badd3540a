package io.sgdscope.launcher.run;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for a cluster to reach a state that it offers no notification for. */
public final class Polling {

    /** A check that may fail while the cluster is not ready yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Polling() {
    }

    /**
     * Checks every {@code interval} until the condition holds. Failures count as "not yet": a
     * broker refuses or drops requests while it is starting up or loading partitions; the last
     * one becomes the cause of the timeout.
     */
    public static void await(Duration timeout, Duration interval, Condition condition)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                TimeoutException expired = new TimeoutException("not ready within " + timeout.toMillis() + " ms");
                if (lastFailure != null) {
                    expired.initCause(lastFailure);
                }
                throw expired;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}

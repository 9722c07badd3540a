package io.sgdscope.trainer.insight;

/**
 * Runs metric computations away from the training thread. Jobs with the same key run one at a
 * time and in order; a job submitted while an older one for its key still waits replaces it,
 * because only the newest snapshot matters.
 */
public interface InsightRunner extends AutoCloseable {

    void submit(String key, Runnable job);

    @Override
    default void close() {
    }

    /** Runs each job at once on the caller's thread: for tests and offline replays. */
    static InsightRunner inline() {
        return (key, job) -> job.run();
    }
}

package io.sgdscope.trainer.insight;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs metric computations away from the training thread and owns the inspectors that do them:
 * one per model key, created on the key's first snapshot and closed when the key is released,
 * always on the thread that computes. Snapshots of one key are inspected one at a time and in
 * order; a snapshot submitted while an older one of its key still waits replaces it, because only
 * the newest matters.
 */
public interface InsightRunner extends AutoCloseable {

    /**
     * Inspects the snapshot with its key's inspector, created with {@code newInspector} if the key
     * has none yet, and hands the report to {@code reports}.
     */
    void submit(ModelSnapshot snapshot, Supplier<ModelInspector> newInspector, Consumer<InsightReport> reports);

    /** The model of {@code key} is closed: drops its waiting snapshot and closes its inspector after any use. */
    void release(String key);

    /** Closes every inspector still open. */
    @Override
    void close();

    /** Inspects at once on the caller's thread: for tests and offline replays. */
    static InsightRunner inline() {
        return new InlineInsightRunner();
    }
}

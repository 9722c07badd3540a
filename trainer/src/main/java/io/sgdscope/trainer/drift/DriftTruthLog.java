package io.sgdscope.trainer.drift;

import io.sgdscope.common.DriftEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The drift truth seen so far, per stream. A reader thread {@link #offer}s events as they arrive
 * on {@code drift.truth}; the training thread {@link #drain}s them and keeps the last
 * {@value #PER_STREAM} per stream, so a model created later still learns the stream's history.
 */
public final class DriftTruthLog {
    static final int PER_STREAM = 1000;

    private final Queue<DriftEvent> incoming = new ConcurrentLinkedQueue<>();
    private final Map<String, ArrayDeque<DriftEvent>> byStream = new HashMap<>();

    /** Safe from any thread. */
    public void offer(DriftEvent e) {
        incoming.add(e);
    }

    /** Training thread: the events that arrived since the last call, oldest first. */
    public List<DriftEvent> drain() {
        List<DriftEvent> fresh = new ArrayList<>();
        for (DriftEvent e = incoming.poll(); e != null; e = incoming.poll()) {
            ArrayDeque<DriftEvent> q = byStream.computeIfAbsent(e.stream(), s -> new ArrayDeque<>());
            if (q.size() == PER_STREAM) {
                q.removeFirst();
            }
            q.addLast(e);
            fresh.add(e);
        }
        return fresh;
    }

    /** Training thread: the stream's kept events, oldest first. */
    public List<DriftEvent> of(String stream) {
        ArrayDeque<DriftEvent> q = byStream.get(stream);
        return q == null ? List.of() : List.copyOf(q);
    }
}

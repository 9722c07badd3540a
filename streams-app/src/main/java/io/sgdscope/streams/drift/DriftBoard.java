package io.sgdscope.streams.drift;

import io.sgdscope.common.drift.DriftStats;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The latest closed window of each stream, for gauges. At most {@code maxStreams} streams are
 * tracked, so the gauges' {@code stream} tag stays a small set; later streams still get their
 * {@code drift.stats} records, only no gauges.
 */
public final class DriftBoard {

    private final int maxStreams;
    private final Map<String, DriftStats> latest = new ConcurrentHashMap<>();
    private final LongAdder windows = new LongAdder();
    private volatile Consumer<String> newStreamListener = s -> { };

    public DriftBoard(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    /** @param listener told once per tracked stream, when its first window closes */
    public void onNewStream(Consumer<String> listener) {
        this.newStreamListener = listener;
        latest.keySet().forEach(listener);
    }

    public void publish(DriftStats stats) {
        windows.increment();
        if (latest.containsKey(stats.stream())) {
            latest.put(stats.stream(), stats);
        } else if (latest.size() < maxStreams) {
            latest.put(stats.stream(), stats);
            newStreamListener.accept(stats.stream());
        }
    }

    public Optional<DriftStats> latest(String stream) {
        return Optional.ofNullable(latest.get(stream));
    }

    /** Windows closed so far. */
    public long windows() {
        return windows.sum();
    }
}

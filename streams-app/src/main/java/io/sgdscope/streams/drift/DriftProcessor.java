package io.sgdscope.streams.drift;

import io.sgdscope.common.Sample;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.streams.StreamsAppConfig.DriftConfig;
import io.sgdscope.streams.wiring.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per stream, aggregates samples over tumbling event-time windows (aligned to the epoch) and passes
 * every sample on unchanged. Features are counted once per sample, in the window of its event
 * time; labels in the window that is open when they become known. A sample that arrives labelled
 * counts both at once. A sample whose label comes later passes twice: unlabelled first (its
 * features count), then as its {@link Sample#joined()} copy, which counts only its label, in the
 * stream's open window (its own window is usually closed by then); were the joined copy's features
 * counted too, every delayed sample would weigh twice in the means, variances and histograms.
 *
 * <p>A window closes when a sample of a later window arrives, or when stream time passes its end
 * (so a stream that goes quiet still gets its last window reported): it is compared with the stream's reference window (its first closed window) and one
 * {@link DriftStats} goes to the drift sink; an empty window emits nothing. A sample older than
 * the open window is passed on but left out of the statistics. The open and the reference window
 * live in changelogged stores, which the topology makes {@link io.sgdscope.streams.wiring.DeferredWriteStore}s:
 * {@code windows.put} after each record only marks the live window dirty, and the store serialises
 * it once per commit, not once per record.
 */
public final class DriftProcessor implements Processor<String, Sample, String, Object> {

    private final DriftConfig config;
    private final DriftBoard board;
    private final StoreNames stores;
    private final Map<String, WindowAggregate> open = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, WindowAggregate> windows;
    private KeyValueStore<String, WindowAggregate> references;

    /** Forwards every {@link Sample} on, and each closed window's {@link DriftStats}: the topology splits them by type. */
    public DriftProcessor(DriftConfig config, DriftBoard board, StoreNames stores) {
        this.config = config;
        this.board = board;
        this.stores = stores;
    }

    /** The serde of both drift stores. */
    public static org.apache.kafka.common.serialization.Serde<?> aggregateSerde() {
        return WindowAggregate.serde();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(stores.driftWindows());
        this.references = context.getStateStore(stores.driftReferences());
        open.clear(); // init runs again when a task is revived; the stores are the truth
        long size = config.window().toMillis();
        context.schedule(Duration.ofMillis(Math.max(1, Math.min(size, MAX_CHECK_INTERVAL_MS))), PunctuationType.STREAM_TIME,
                this::closeDue);
    }

    private static final long MAX_CHECK_INTERVAL_MS = 1_000;

    /** Closes every open window whose end stream time has passed; the stream's next window starts empty. */
    private void closeDue(long streamTime) {
        long size = config.window().toMillis();
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, WindowAggregate> it = windows.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.windowStartMs + size <= streamTime) {
                    due.add(kv.key);
                }
            });
        }
        long current = streamTime - Math.floorMod(streamTime, size);
        for (String stream : due) {
            WindowAggregate w = open.containsKey(stream) ? open.get(stream) : windows.get(stream);
            close(stream, w, streamTime);
            WindowAggregate next = new WindowAggregate(current, w.dimension, config.bins(), config.range());
            open.put(stream, next);
            windows.put(stream, next);
        }
    }

    @Override
    public void process(Record<String, Sample> record) {
        Sample s = record.value();
        if (s.joined()) {
            countLabel(s);
        } else {
            aggregate(s, record.timestamp());
        }
        context.forward(unchanged(record));
    }

    /**
     * The record itself, typed as this processor's output: a sample passes unchanged, and
     * {@code withValue} would copy the record and its headers for nothing (records are immutable).
     */
    @SuppressWarnings("unchecked")
    private static Record<String, Object> unchanged(Record<String, Sample> record) {
        return (Record<String, Object>) (Record<String, ?>) record;
    }

    private void aggregate(Sample s, long recordTimestamp) {
        long size = config.window().toMillis();
        long start = s.eventTimeMs() - Math.floorMod(s.eventTimeMs(), size);
        WindowAggregate w = open.get(s.stream());
        if (w == null) {
            w = windows.get(s.stream());
        }
        if (w != null && w.dimension != s.dimension()) {
            w = null; // the schema changed under a learned dimension: start afresh rather than mix
        }
        if (w != null && start < w.windowStartMs) {
            return;
        }
        if (w != null && start > w.windowStartMs) {
            close(s.stream(), w, recordTimestamp);
            w = null;
        }
        if (w == null) {
            w = new WindowAggregate(start, s.dimension(), config.bins(), config.range());
        }
        w.add(s.features(), s.label());
        open.put(s.stream(), w);
        windows.put(s.stream(), w);
    }

    /** Counts a joined sample's label in its stream's open window; with none open (or of another dimension), nowhere. */
    private void countLabel(Sample s) {
        WindowAggregate w = open.get(s.stream());
        if (w == null) {
            w = windows.get(s.stream());
        }
        if (w == null || w.dimension != s.dimension()) {
            return;
        }
        w.addLabel(s.label());
        open.put(s.stream(), w);
        windows.put(s.stream(), w);
    }

    private void close(String stream, WindowAggregate w, long timestamp) {
        if (w.count == 0) {
            return;
        }
        WindowAggregate ref = references.get(stream);
        if (ref == null || ref.dimension != w.dimension) {
            references.put(stream, w);
            ref = w;
        }
        DriftStats stats = compare(stream, w, ref, config);
        board.publish(stats);
        context.forward(new Record<>(stream, (Object) stats, timestamp));
    }

    /** The statistics of {@code w} against {@code ref}; package-private for tests. */
    static DriftStats compare(String stream, WindowAggregate w, WindowAggregate ref, DriftConfig config) {
        boolean isReference = w == ref;
        int d = w.dimension;
        int cells = w.cells();
        double[] mean = w.mean.clone();
        double[] variance = new double[d];
        double[] psi = new double[d];
        double[] ks = new double[d];
        for (int f = 0; f < d; f++) {
            variance[f] = w.variance(f);
            if (!isReference) {
                long[] e = row(ref, f, cells);
                long[] a = row(w, f, cells);
                psi[f] = DriftMath.psi(e, a);
                ks[f] = DriftMath.ks(e, a);
            }
        }
        double labelPsi = isReference ? 0.0 : DriftMath.psi(ref.labelCounts(), w.labelCounts());
        double shift = 0;
        for (double p : psi) {
            shift += p;
        }
        shift /= d;
        List<DriftStats.FeatureShift> top = new ArrayList<>();
        IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer f) -> -psi[f]).thenComparing(f -> f))
                .limit(config.topK())
                .forEach(f -> top.add(new DriftStats.FeatureShift(f, psi[f], ks[f])));
        return new DriftStats(stream, w.windowStartMs, w.windowStartMs + config.window().toMillis(), w.count,
                isReference, ref.windowStartMs, mean, variance, w.labelCounts(), labelPsi, psi, ks, shift, top);
    }

    private static long[] row(WindowAggregate w, int f, int cells) {
        long[] r = new long[cells];
        for (int c = 0; c < cells; c++) {
            r[c] = w.histogram[f * cells + c];
        }
        return r;
    }
}

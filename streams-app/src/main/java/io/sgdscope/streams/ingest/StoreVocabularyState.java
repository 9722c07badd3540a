package io.sgdscope.streams.ingest;

import io.sgdscope.ingest.RunningMoments;
import io.sgdscope.ingest.VocabularyState;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A mapping's learned state in a changelogged key-value store of the task that owns the stream, so
 * it survives restarts and moves with the task (the ingest path repartitions by stream first, so one
 * task sees every record of a stream). Three kinds of entry, all strings:
 * <ul>
 *   <li>{@code v␀stream␀feature␀value} → the value's slot in the learned vocabulary;</li>
 *   <li>{@code n␀stream␀feature} → how many values the vocabulary holds;</li>
 *   <li>{@code m␀stream␀feature} → running moments {@code count mean m2} ({@link Double#toString}, exact).</li>
 * </ul>
 * It remembers which streams' vocabularies grew since {@link #takeGrown()}, so the processor can
 * publish their feature tables again.
 */
final class StoreVocabularyState implements VocabularyState {

    private static final char SEP = '\u0000';

    private final KeyValueStore<String, String> store;
    private final Set<String> grown = new HashSet<>();

    StoreVocabularyState(KeyValueStore<String, String> store) {
        this.store = store;
    }

    @Override
    public OptionalInt slot(String stream, String feature, String value, int capacity) {
        String key = "v" + SEP + stream + SEP + feature + SEP + value;
        String known = store.get(key);
        if (known != null) {
            return OptionalInt.of(Integer.parseInt(known));
        }
        String sizeKey = sizeKey(stream, feature);
        String size = store.get(sizeKey);
        int n = size == null ? 0 : Integer.parseInt(size);
        if (n >= capacity) {
            return OptionalInt.empty();
        }
        store.put(key, Integer.toString(n));
        store.put(sizeKey, Integer.toString(n + 1));
        grown.add(stream);
        return OptionalInt.of(n);
    }

    @Override
    public RunningMoments observe(String stream, String feature, double x) {
        String key = "m" + SEP + stream + SEP + feature;
        String old = store.get(key);
        RunningMoments m = (old == null ? RunningMoments.EMPTY : parse(old)).plus(x);
        store.put(key, m.count() + " " + m.mean() + " " + m.m2());
        return m;
    }

    /** The values learned for {@code feature} on {@code stream}, by slot. */
    String[] vocabulary(String stream, String feature) {
        String size = store.get(sizeKey(stream, feature));
        String[] values = new String[size == null ? 0 : Integer.parseInt(size)];
        String prefix = "v" + SEP + stream + SEP + feature + SEP;
        try (var it = store.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(kv -> {
                int slot = Integer.parseInt(kv.value);
                if (slot < values.length) {
                    values[slot] = kv.key.substring(prefix.length());
                }
            });
        }
        return values;
    }

    /** The streams whose vocabulary learned a value since the last call; clears the set. */
    Set<String> takeGrown() {
        if (grown.isEmpty()) {
            return Set.of();
        }
        Set<String> copy = Set.copyOf(grown);
        grown.clear();
        return copy;
    }

    private static String sizeKey(String stream, String feature) {
        return "n" + SEP + stream + SEP + feature;
    }

    private static RunningMoments parse(String s) {
        String[] p = s.split(" ");
        return new RunningMoments(Long.parseLong(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }
}

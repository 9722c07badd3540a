package io.sgdscope.streams.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store for values a processor keeps live and changes on every record (a drift window's
 * counts): {@code put} only remembers the value by reference, and the inner (metered, cached,
 * changelogged) store is written, serialising each dirty value once, when Kafka Streams commits the
 * task. Without it a changelogged store serialises the whole value on every {@code put}.
 *
 * <p>Why this keeps exactly-once: a task's commit first flushes its stores' caches
 * ({@link #flushCache()}, which Kafka Streams calls on every store that is a {@code CachedStateStore},
 * as this one is by extending {@link WrappedStateStore}), then flushes the changelog producer and
 * commits its transaction. Dirty values are written at the start of that flush, so the changelog
 * transaction of each commit holds exactly the state of the records whose offsets it commits, as
 * with Kafka Streams' own caching layer. Like that layer, this one also writes on {@code close} and
 * forgets what it holds when Kafka Streams clears the caches ({@link #clearCache()}, a recycled
 * task) or initialises the store again (a revived task): a task closed dirty under exactly-once
 * has its changelog transaction aborted and its local state wiped, so unflushed values are lost,
 * as they must be.
 *
 * <p>Contract for callers: a value passed to {@code put} is the live object; changing it after the
 * {@code put} changes what will be written, so put it again after every change that is meant to
 * be kept (the put is what marks it dirty). Reads see dirty values: {@link #get} returns the live
 * object, and the range reads ({@link #all()}, {@link #range}, ...) first write the dirty values
 * through (within the open transaction, which is safe) so that they iterate in the inner store's
 * order. Use it only for stores read by key on the hot path and iterated rarely.
 */
public final class DeferredWriteStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    /** Dirty values by key, the live objects; a store lives in one task, so one thread uses this. */
    private final Map<K, V> dirty = new HashMap<>();

    public DeferredWriteStore(KeyValueStore<K, V> inner) {
        super(inner);
    }

    /** Wraps what {@code inner} builds (with its caching and logging as configured) in a deferred-write store. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> inner) {
        return new Builder<>(inner);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dirty.clear(); // a revived task starts from what the inner store holds
        super.init(context, root);
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            delete(key); // a null value is a delete, in Kafka Streams' KeyValueStore contract
        } else {
            dirty.put(key, value);
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> kv : entries) {
            put(kv.key, kv.value);
        }
    }

    @Override
    public V delete(K key) {
        Objects.requireNonNull(key, "key");
        V live = dirty.remove(key);
        V stored = wrapped().delete(key);
        return live != null ? live : stored;
    }

    @Override
    public V get(K key) {
        V live = dirty.get(key);
        return live != null ? live : wrapped().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeDirty();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeDirty();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeDirty();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeDirty();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeDirty();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeDirty();
        return wrapped().approximateNumEntries();
    }

    /** Called first in a task's commit, before the changelog producer's flush and transaction commit. */
    @Override
    public void flushCache() {
        writeDirty();
        super.flushCache();
    }

    /**
     * Kafka Streams 4.x calls this after the task's commit (to checkpoint), when {@link #flushCache()}
     * has written everything: no record is processed in between. It does not write, on purpose: under
     * exactly-once a write here would land in the next transaction, so a value that only this path
     * wrote would be a bug that must show (DriftStoreCommitTest would see a stale changelog).
     */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        super.commit(changelogOffsets);
    }

    /** Outside a task's commit (a store used directly): writes what is dirty, then flushes the inner store. */
    @Override
    public void flush() {
        writeDirty();
        wrapped().flush();
    }

    /** Kafka Streams clears the caches of a recycled task's stores: what was not flushed is forgotten. */
    @Override
    public void clearCache() {
        dirty.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        try {
            writeDirty(); // as the caching layer does on close
        } finally {
            dirty.clear();
            super.close();
        }
    }

    /** How many values wait to be written; for tests. */
    int dirtyCount() {
        return dirty.size();
    }

    private void writeDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        List<KeyValue<K, V>> pending = new ArrayList<>(dirty.size());
        dirty.forEach((k, v) -> pending.add(KeyValue.pair(k, v)));
        dirty.clear();
        wrapped().putAll(pending);
    }

    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> inner) implements StoreBuilder<KeyValueStore<K, V>> {

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            return new Builder<>(inner.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            return new Builder<>(inner.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new DeferredWriteStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}

package io.sgdscope.streams.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deferred-write store over a real (metered, in-memory) Kafka Streams store whose value serde
 * records every serialisation: a put must cost none, a flush one per dirty key, and reads must see
 * the live values.
 */
class DeferredWriteStoreTest {

    /** Every value the inner store serialised, in order. */
    private final List<String> serialised = new ArrayList<>();
    private DeferredWriteStore<String, StringBuilder> store;

    @BeforeEach
    void setUp() {
        Serde<StringBuilder> recording = Serdes.serdeFrom(
                (topic, v) -> {
                    if (v == null) {
                        return null;
                    }
                    serialised.add(v.toString());
                    return v.toString().getBytes(StandardCharsets.UTF_8);
                },
                (topic, b) -> b == null ? null : new StringBuilder(new String(b, StandardCharsets.UTF_8)));
        store = (DeferredWriteStore<String, StringBuilder>) DeferredWriteStore.builder(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), recording)
                        .withCachingDisabled().withLoggingDisabled()).build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private KeyValueStore<String, StringBuilder> inner() {
        return store.wrapped();
    }

    @Test
    void putsOfALiveValueAreWrittenOnceAtTheFlush() {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            w.append('x');
            store.put("a", w);
        }
        assertThat(serialised).isEmpty();
        assertThat(inner().get("a")).isNull();
        assertThat(store.get("a")).isSameAs(w);

        store.flushCache();

        assertThat(serialised).containsExactly("x".repeat(100));
        assertThat(inner().get("a")).hasToString("x".repeat(100));
        assertThat(store.dirtyCount()).isZero();
        store.flushCache();
        assertThat(serialised).hasSize(1); // nothing dirty, nothing written
    }

    @Test
    void getReadsTheInnerStoreForCleanKeys() {
        store.put("a", new StringBuilder("old"));
        store.flushCache();
        StringBuilder clean = store.get("a");
        assertThat(clean).hasToString("old");
        clean.append("-changed-without-put");
        assertThat(inner().get("a")).hasToString("old"); // a fresh copy: only a put marks a change
    }

    @Test
    void allSeesDirtyAndStoredValuesInTheInnerOrder() {
        store.put("b", new StringBuilder("stored-b"));
        store.put("c", new StringBuilder("stored-c"));
        store.flushCache();
        store.put("c", new StringBuilder("live-c"));
        store.put("a", new StringBuilder("live-a"));

        Map<String, String> seen = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (KeyValueIterator<String, StringBuilder> it = store.all()) {
            it.forEachRemaining(kv -> {
                seen.put(kv.key, kv.value.toString());
                order.add(kv.key);
            });
        }
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("a", "live-a", "b", "stored-b", "c", "live-c"));
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void flushWritesWhatIsDirtyButThePostCommitCheckpointDoesNot() {
        store.put("a", new StringBuilder("1"));
        store.commit(Map.of()); // after the transaction: too late to write (see DeferredWriteStore.commit)
        assertThat(inner().get("a")).isNull();
        store.flush();
        assertThat(inner().get("a")).hasToString("1");
    }

    @Test
    void closeWritesWhatIsDirtyAsTheCachingLayerDoes() {
        store.put("a", new StringBuilder("at-close"));
        store.close();
        assertThat(serialised).containsExactly("at-close");
        assertThat(store.dirtyCount()).isZero();
    }

    @Test
    void clearedCachesAndRevivedTasksForgetUnflushedValues() {
        store.put("a", new StringBuilder("committed"));
        store.flushCache();
        store.put("a", new StringBuilder("uncommitted"));
        store.put("b", new StringBuilder("uncommitted"));

        store.clearCache(); // what Kafka Streams does to a recycled task's stores

        assertThat(store.get("a")).hasToString("committed");
        assertThat(store.get("b")).isNull();
        store.put("b", new StringBuilder("uncommitted"));
        store.init(new MockProcessorContext<>().getStateStoreContext(), store); // a revived task
        assertThat(store.get("b")).isNull();
        assertThat(serialised).containsExactly("committed");
    }

    @Test
    void deletesAndNullPutsRemoveDirtyAndStoredValues() {
        store.put("a", new StringBuilder("stored"));
        store.flushCache();
        store.put("a", new StringBuilder("live"));
        assertThat(store.delete("a")).hasToString("live");
        assertThat(store.get("a")).isNull();
        store.flushCache();
        assertThat(inner().get("a")).isNull();

        store.put("b", new StringBuilder("stored"));
        store.flushCache();
        store.put("b", null);
        assertThat(store.get("b")).isNull();
        assertThat(inner().get("b")).isNull();
    }

    @Test
    void putIfAbsentAndPutAllGoThroughTheDirtySet() {
        StringBuilder first = new StringBuilder("first");
        assertThat(store.putIfAbsent("a", first)).isNull();
        assertThat(store.putIfAbsent("a", new StringBuilder("second"))).isSameAs(first);
        store.putAll(List.of(KeyValue.pair("b", new StringBuilder("b")), KeyValue.pair("c", new StringBuilder("c"))));
        assertThat(serialised).isEmpty();
        assertThat(store.dirtyCount()).isEqualTo(3);
        store.flushCache();
        assertThat(serialised).containsExactlyInAnyOrder("first", "b", "c");
    }
}

package io.sgdscope.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** A {@link VocabularyState} in memory: for tests, {@code ingest infer} and single-process runs. Not thread-safe. */
public final class InMemoryVocabularyState implements VocabularyState {

    private final Map<String, Map<String, Integer>> vocabularies = new HashMap<>();
    private final Map<String, RunningMoments> moments = new HashMap<>();

    @Override
    public OptionalInt slot(String stream, String feature, String value, int capacity) {
        Map<String, Integer> vocab = vocabularies.computeIfAbsent(stream + "\u0000" + feature, k -> new LinkedHashMap<>());
        Integer slot = vocab.get(value);
        if (slot == null && vocab.size() < capacity) {
            slot = vocab.size();
            vocab.put(value, slot);
        }
        return slot == null ? OptionalInt.empty() : OptionalInt.of(slot);
    }

    @Override
    public RunningMoments observe(String stream, String feature, double x) {
        return moments.merge(stream + "\u0000" + feature, RunningMoments.EMPTY.plus(x), (old, one) -> old.plus(x));
    }

    /** The values learned for {@code feature} on {@code stream}, in slot order. */
    public List<String> vocabulary(String stream, String feature) {
        return List.copyOf(vocabularies.getOrDefault(stream + "\u0000" + feature, Map.of()).keySet());
    }
}

package io.sgdscope.ingest;

import java.util.OptionalInt;

/**
 * The per-stream state a mapping learns from its records: the vocabularies of {@code one-hot: {learn: N}}
 * features and the running moments of {@code scale: standard} features. Each stream has its own model,
 * so each stream has its own state, and all records of a stream must be mapped against the same state
 * (the streams app repartitions by stream and keeps it in a changelogged store when
 * {@link CompiledMapping#learnsVocabulary()}). {@link InMemoryVocabularyState} is the plain implementation.
 */
public interface VocabularyState {

    /**
     * The slot (0-based, below {@code capacity}) of {@code value} in the learned vocabulary of
     * {@code feature} on {@code stream}, learning it if the vocabulary has fewer than {@code capacity}
     * values; empty when the vocabulary is full (frozen) and does not hold it.
     */
    OptionalInt slot(String stream, String feature, String value, int capacity);

    /** Adds {@code x} to the running moments of {@code feature} on {@code stream} and returns the moments including it. */
    RunningMoments observe(String stream, String feature, double x);

    /** A state for mappings that learn nothing: any call fails, so a wiring mistake is loud. */
    VocabularyState NONE = new VocabularyState() {
        @Override
        public OptionalInt slot(String stream, String feature, String value, int capacity) {
            throw new IllegalStateException("this mapping was compiled as learning nothing, but feature '" + feature
                    + "' asked for a learned slot");
        }

        @Override
        public RunningMoments observe(String stream, String feature, double x) {
            throw new IllegalStateException("this mapping was compiled as learning nothing, but feature '" + feature
                    + "' asked for running moments");
        }
    };
}

package io.sgdscope.trainer.model;

import io.sgdscope.trainer.model.dl4j.Dl4jExecutor;

/** Builds the executor for a model spec. */
public final class Executors {

    /** AUTO uses the fast executor below this batch size; DL4J's BLAS wins from here on. */
    public static final int AUTO_DL4J_MIN_BATCH = 128;

    private Executors() {
    }

    /** The concrete kind AUTO stands for: FAST when the spec is not {@code dl4j:} and the batch is below 128. */
    public static ExecutorKind resolve(ExecutorKind kind, ModelSpec spec, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (kind != ExecutorKind.AUTO) {
            return kind;
        }
        return spec.kind() != ModelSpec.Kind.DL4J && batchSize < AUTO_DL4J_MIN_BATCH ? ExecutorKind.FAST
                : ExecutorKind.DL4J;
    }

    public static ModelExecutor create(ExecutorKind kind, ModelSpec spec, int batchSize) {
        return switch (resolve(kind, spec, batchSize)) {
            case FAST -> new FastExecutor(spec);
            case DL4J -> new Dl4jExecutor(spec);
            case AUTO -> throw new IllegalStateException("AUTO resolves to FAST or DL4J");
        };
    }
}

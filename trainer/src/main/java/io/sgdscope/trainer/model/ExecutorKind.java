package io.sgdscope.trainer.model;

/** Which engine runs a model: {@code fast}, {@code dl4j}, or {@code auto} (see {@link Executors#resolve}). */
public enum ExecutorKind {
    FAST, DL4J, AUTO;

    public static ExecutorKind parse(String s) {
        for (ExecutorKind k : values()) {
            if (k.name().equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown executor '" + s + "'; expected fast, dl4j or auto");
    }
}

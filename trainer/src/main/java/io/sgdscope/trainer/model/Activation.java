package io.sgdscope.trainer.model;

/** Hidden-layer activations the fast executor implements, with DL4J's names. */
public enum Activation {
    RELU, TANH, IDENTITY;

    public static Activation parse(String s) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + s + "'; expected relu, tanh or identity");
    }

    /** Positively homogeneous of degree 1, so a bias-free net of them is homogeneous. */
    public boolean isHomogeneous() {
        return this != TANH;
    }
}

package io.sgdscope.trainer.model;

/**
 * What the output layer predicts, and so its activation and loss. Both executors compute the
 * cross-entropies from the logits ({@link LogitLosses}) and squared error as DL4J's
 * {@code LossMSE}, so they agree.
 *
 * @param outputs width of the output layer: 1 for binary and regression, k for k-class
 */
public record Task(Kind kind, int outputs) {

    public enum Kind {
        /** One sigmoid output; target 0 or 1; loss -[y log p + (1-y) log(1-p)]. */
        BINARY,
        /** k softmax outputs; target a class index; loss -log p_y. */
        MULTICLASS,
        /** One identity output; real target; loss (f - y)^2. */
        REGRESSION
    }

    public Task {
        if (kind == Kind.MULTICLASS ? outputs < 3 : outputs != 1) {
            throw new IllegalArgumentException(kind + " cannot have " + outputs + " outputs"
                    + (kind == Kind.MULTICLASS ? " (use BINARY for 2 classes)" : ""));
        }
    }

    public static Task binary() {
        return new Task(Kind.BINARY, 1);
    }

    public static Task regression() {
        return new Task(Kind.REGRESSION, 1);
    }

    /** BINARY for two classes, MULTICLASS above. */
    public static Task classification(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classification needs >= 2 classes, got " + classes);
        }
        return classes == 2 ? binary() : new Task(Kind.MULTICLASS, classes);
    }

    public boolean isClassification() {
        return kind != Kind.REGRESSION;
    }

    /** Number of classes a classifier tells apart; 0 for regression. */
    public int classes() {
        return switch (kind) {
            case BINARY -> 2;
            case MULTICLASS -> outputs;
            case REGRESSION -> 0;
        };
    }
}

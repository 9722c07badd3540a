package io.sgdscope.producers.source;

/**
 * What a source promises about its samples. {@code classes} is 0 for regression.
 */
public record SourceSchema(String stream, int dimension, Task task, int classes) {

    public enum Task { CLASSIFICATION, REGRESSION }

    public SourceSchema {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
        }
        if (task == Task.CLASSIFICATION && classes < 2) {
            throw new IllegalArgumentException("a classification task needs >= 2 classes, got " + classes);
        }
        if (task == Task.REGRESSION && classes != 0) {
            throw new IllegalArgumentException("a regression task has no classes, got " + classes);
        }
    }

    public static SourceSchema classification(String stream, int dimension, int classes) {
        return new SourceSchema(stream, dimension, Task.CLASSIFICATION, classes);
    }
}

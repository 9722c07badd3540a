package io.sgdscope.producers.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a source promises about its samples: the stream key, the feature dimension, the task
 * (classification with {@code classes} >= 2, or regression with {@code classes} 0), and optionally
 * the ground-truth teacher's weights (β* for sparse regression, the hyperplane normal for a linear
 * teacher), which the scenario publishes on {@code drift.truth}. {@code teacher} is null when the
 * source has none; it is copied in and out.
 */
public record SourceSchema(String stream, int dimension, Task task, int classes, float[] teacher) {

    public enum Task { CLASSIFICATION, REGRESSION }

    public SourceSchema {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(task, "task");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
        }
        if (task == Task.CLASSIFICATION && classes < 2) {
            throw new IllegalArgumentException("a classification task needs >= 2 classes, got " + classes);
        }
        if (task == Task.REGRESSION && classes != 0) {
            throw new IllegalArgumentException("a regression task has no classes, got " + classes);
        }
        teacher = teacher == null ? null : teacher.clone();
    }

    public SourceSchema(String stream, int dimension, Task task, int classes) {
        this(stream, dimension, task, classes, null);
    }

    public static SourceSchema classification(String stream, int dimension, int classes) {
        return new SourceSchema(stream, dimension, Task.CLASSIFICATION, classes, null);
    }

    public static SourceSchema regression(String stream, int dimension) {
        return new SourceSchema(stream, dimension, Task.REGRESSION, 0, null);
    }

    public SourceSchema withTeacher(float[] weights) {
        return new SourceSchema(stream, dimension, task, classes, weights);
    }

    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    /** A copy of the teacher's weights, or null. */
    @Override
    public float[] teacher() {
        return teacher == null ? null : teacher.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSchema s && stream.equals(s.stream) && dimension == s.dimension && task == s.task
                && classes == s.classes && Arrays.equals(teacher, s.teacher);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, dimension, task, classes, Arrays.hashCode(teacher));
    }

    @Override
    public String toString() {
        return "SourceSchema[stream=" + stream + ", dimension=" + dimension + ", task=" + task + ", classes=" + classes
                + ", teacher=" + (teacher == null ? "none" : teacher.length + " weights") + "]";
    }
}

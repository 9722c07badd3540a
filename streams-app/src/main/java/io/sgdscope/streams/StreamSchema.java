package io.sgdscope.streams;

/**
 * What the streams app expects of one stream's samples: the feature dimension and the label task.
 * Either part may be {@code learned}: then the first valid record of the stream fixes it, and the
 * learned value is kept in a changelogged state store so a restart does not forget it.
 *
 * @param dimension feature count, or {@link #LEARN_DIMENSION} to take it from the first valid record
 */
public record StreamSchema(int dimension, LabelTask task) {

    public static final int LEARN_DIMENSION = 0;

    public StreamSchema {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0, got " + dimension);
        }
        java.util.Objects.requireNonNull(task, "task");
    }

    /** The label task: k classes (indices 0..k-1), regression (a finite real target), or learned. */
    public record LabelTask(Kind kind, int classes) {

        public enum Kind { LEARN, CLASSIFICATION, REGRESSION }

        public static final LabelTask LEARN = new LabelTask(Kind.LEARN, 0);
        public static final LabelTask REGRESSION = new LabelTask(Kind.REGRESSION, 0);

        public LabelTask {
            if (kind == Kind.CLASSIFICATION && classes < 2) {
                throw new IllegalArgumentException("a classification task needs >= 2 classes, got " + classes);
            }
        }

        public static LabelTask classes(int k) {
            return new LabelTask(Kind.CLASSIFICATION, k);
        }

        /** Parses {@code learn}, {@code regression} or a class count; null if the text is none of them. */
        public static LabelTask parse(String text) {
            String s = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("learn")) {
                return LEARN;
            }
            if (s.equals("regression")) {
                return REGRESSION;
            }
            try {
                int k = Integer.parseInt(s);
                return k >= 2 ? classes(k) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return kind == Kind.CLASSIFICATION ? classes + " classes" : kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

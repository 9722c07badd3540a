package io.sgdscope.trainer.insight;

/** Argument checks shared by the insight functions; every message names the argument. */
final class Args {

    private Args() {
    }

    /** Checks {@code 0 <= from <= to <= length}. */
    static void range(int length, int from, int to) {
        if (from < 0 || to < from || to > length) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not within an array of "
                    + length + " values");
        }
    }

    /** Checks that a row-major {@code rows x cols} matrix fits in {@code length} values. */
    static void matrix(int length, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + " x " + cols);
        }
        if ((long) rows * cols > length) {
            throw new IllegalArgumentException(rows + " x " + cols + " values do not fit in an array of " + length);
        }
    }

    static void finite(float v, String what, int index) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(what + "[" + index + "] is not finite: " + v);
        }
    }

    static void finite(double v, String what, int index) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + "[" + index + "] is not finite: " + v);
        }
    }

    /** Checks {@code lo <= v <= hi} (so NaN fails). */
    static void within(double v, double lo, double hi, String what) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}

package io.sgdscope.experiment;

/**
 * One {@code expect:} line, parsed ({@link ExpectationParser}). Each side is computed per seed;
 * the means over seeds are compared, or, with {@code in every seed}, each seed on its own.
 */
public sealed interface Expectation {

    /** The line as written. */
    String text();

    /** {@code SIDE OP SIDE at POINT}. */
    record Compare(String text, Side left, Op op, Side right, Point at, boolean everySeed) implements Expectation {
    }

    /**
     * {@code [VARIANT:] METRIC rises|falls [after CONDITION | between POINT and POINT]}: the value at
     * {@code to} against the value at {@code from}. A null variant means every variant.
     */
    record Trend(String text, String variant, String metric, boolean rises, Point from, Point to, boolean everySeed)
            implements Expectation {
    }

    /** A side of a comparison: a number, or {@code [FACTOR *] VARIANT: METRIC}. */
    sealed interface Side {
    }

    record Constant(double value) implements Side {
        @Override
        public String toString() {
            return Format.number(value);
        }
    }

    record Ref(double factor, String variant, String metric) implements Side {
        @Override
        public String toString() {
            return (factor == 1 ? "" : Format.number(factor) + " * ") + variant + ": " + metric;
        }
    }

    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** False if either value is NaN. */
        public boolean holds(double a, double b) {
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** {@code METRIC OP NUMBER}, judged per snapshot of one run. */
    record Condition(String metric, Op op, double value) {
        @Override
        public String toString() {
            return metric + " " + op.symbol() + " " + Format.number(value);
        }
    }

    /** A snapshot of a run. */
    sealed interface Point {
    }

    record Start() implements Point {
        @Override
        public String toString() {
            return "start";
        }
    }

    record End() implements Point {
        @Override
        public String toString() {
            return "end";
        }
    }

    /** The last snapshot at or before step {@code n}. */
    record AtStep(long n) implements Point {
        @Override
        public String toString() {
            return "step " + n;
        }
    }

    /** The last snapshot at or before {@code n} samples. */
    record AtSamples(long n) implements Point {
        @Override
        public String toString() {
            return "samples " + n;
        }
    }

    /** The last snapshot before the {@code k}-th true shift (1-based), or with {@code after} the first after it. */
    record Shift(int k, boolean after) implements Point {
        @Override
        public String toString() {
            return (after ? "after " : "") + "shift " + k;
        }
    }

    /** The first snapshot where the condition holds. */
    record First(Condition condition) implements Point {
        @Override
        public String toString() {
            return "first " + condition;
        }
    }
}

package io.sgdscope.common;

/** A supervised target: a class index for classification or a real value for regression. */
public sealed interface Label permits Label.ClassIndex, Label.RealTarget {

    /** The label as a double, for losses that treat both kinds uniformly. */
    double asDouble();

    static Label ofClass(int index) {
        return new ClassIndex(index);
    }

    static Label ofTarget(double value) {
        return new RealTarget(value);
    }

    record ClassIndex(int index) implements Label {
        @Override
        public double asDouble() {
            return index;
        }
    }

    record RealTarget(double value) implements Label {
        @Override
        public double asDouble() {
            return value;
        }
    }
}

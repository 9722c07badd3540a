package io.sgdscope.experiment;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as text, independent of the locale, so two runs with the same seeds write the same bytes. */
final class Format {

    private Format() {
    }

    /** Shortest exact text of a double ({@link Double#toString}); empty for NaN (a CSV cell with no value). */
    static String csv(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A number as a person reads it: plain decimal for constants in expectations. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits, for reports. */
    static String short4(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

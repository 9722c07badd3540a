package io.sgdscope.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One entry of an ingest entry's {@code features:} list; each compiles to a fixed number of slots
 * ({@link #width()}) of the feature vector, in declaration order.
 */
public sealed interface FeatureSpec permits FeatureSpec.Numeric, FeatureSpec.OneHot, FeatureSpec.Hashed {

    /** The name the feature table uses: {@code name:}, or the pointer without its leading slash. */
    String name();

    /** How many slots of the feature vector this feature takes. */
    int width();

    /** A numeric transform applied after clipping: {@code transform: log1p|log|sqrt|none}. */
    enum Transform { NONE, LOG1P, LOG, SQRT }

    /**
     * {@code scale:} none, {@code standard} (running mean and sd of the stream, kept in its
     * {@link VocabularyState}) or fixed {@code {mean: m, sd: s}}.
     */
    record Scale(Kind kind, double mean, double sd) {
        public enum Kind { NONE, RUNNING, FIXED }

        public static final Scale NONE = new Scale(Kind.NONE, 0, 1);
        public static final Scale RUNNING = new Scale(Kind.RUNNING, 0, 1);

        public Scale {
            Objects.requireNonNull(kind, "kind");
            if (!(sd > 0) || !Double.isFinite(mean) || !Double.isFinite(sd)) {
                throw new IllegalArgumentException("scale needs a finite mean and a positive sd");
            }
        }
    }

    /**
     * A number (a JSON number, a numeric string, or a boolean as 0/1): clipped to {@code [clipLo, clipHi]},
     * transformed, scaled. When the field is absent or null the slot holds {@code missing} as is
     * (no transform), or the record is rejected as {@code missing_field} when {@code missing} is null.
     *
     * @param missing          the value of an absent field, or null (required field); 0 by default with an indicator
     * @param missingIndicator adds a slot {@code missing(name)} that is 1 when the field was absent
     */
    record Numeric(String name, String field, Transform transform, Double missing, boolean missingIndicator,
                   double clipLo, double clipHi, Scale scale) implements FeatureSpec {
        public Numeric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(transform, "transform");
            Objects.requireNonNull(scale, "scale");
            if (!(clipLo < clipHi)) {
                throw new IllegalArgumentException("clip needs lo < hi, got [" + clipLo + ", " + clipHi + "]");
            }
        }

        @Override
        public int width() {
            return missingIndicator ? 2 : 1;
        }
    }

    /**
     * One slot per category: a fixed list ({@code one-hot: [web, app]}) or the first {@code learn} values
     * seen on the stream ({@code one-hot: {learn: 50}}), then frozen; plus an {@code <other>} slot when
     * {@code other}. Values compare as JSON text.
     *
     * @param values   the fixed categories; empty when learned
     * @param learn    how many values to learn; 0 for a fixed list
     * @param optional an absent field leaves every slot 0 instead of rejecting the record
     */
    record OneHot(String name, String field, List<String> values, int learn, boolean other, boolean optional)
            implements FeatureSpec {
        public OneHot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (values.isEmpty() == (learn == 0)) {
                throw new IllegalArgumentException("one-hot needs either a non-empty list or learn > 0");
            }
        }

        public boolean learns() {
            return learn > 0;
        }

        @Override
        public int width() {
            return (learns() ? learn : values.size()) + (other ? 1 : 0);
        }
    }

    /**
     * Feature hashing into {@code 2^bits} slots with murmur3 (Guava's {@code murmur3_32_fixed}, seed
     * {@code seed}): each field's {@code name=value} is hashed on its own ({@code fields:}), or the fields'
     * values together as one crossed feature ({@code cross:}, Vowpal Wabbit's {@code -q}). With
     * {@code signed} a second bit of the hash gives each value a sign, so colliding values cancel in
     * expectation instead of adding up (Weinberger et al. 2009).
     */
    record Hashed(String name, List<String> fields, boolean cross, int bits, boolean signed, int seed,
                  boolean optional) implements FeatureSpec {
        public static final int MAX_BITS = 24;

        public Hashed {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
            if (fields.isEmpty() || (cross && fields.size() < 2)) {
                throw new IllegalArgumentException(cross ? "a cross needs two fields or more" : "hash needs a field");
            }
            if (bits < 1 || bits > MAX_BITS) {
                throw new IllegalArgumentException("hash bits must be between 1 and " + MAX_BITS + ", got " + bits);
            }
        }

        @Override
        public int width() {
            return 1 << bits;
        }
    }
}

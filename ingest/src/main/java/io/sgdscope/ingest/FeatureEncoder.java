package io.sgdscope.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A compiled {@link FeatureSpec}: writes its slots {@code [offset, offset + width)} of a feature vector,
 * and names them in the feature table. Failures are {@link MappingFailure}s.
 */
abstract sealed class FeatureEncoder {

    final int offset;

    private FeatureEncoder(int offset) {
        this.offset = offset;
    }

    static FeatureEncoder of(FeatureSpec spec, int offset) {
        if (spec instanceof FeatureSpec.Numeric n) {
            return new NumericEncoder(n, offset);
        }
        if (spec instanceof FeatureSpec.OneHot o) {
            return new OneHotEncoder(o, offset);
        }
        return new HashEncoder((FeatureSpec.Hashed) spec, offset);
    }

    /** Writes this feature's slots of {@code out} (all 0 on entry) from {@code root}. */
    abstract void encode(JsonNode root, String stream, VocabularyState state, float[] out);

    /** Appends this feature's entries to the feature table, in slot order. */
    abstract void describe(List<FeatureTable.Feature> table);

    /** Whether this feature needs the stream's {@link VocabularyState}. */
    abstract boolean learns();

    static final class NumericEncoder extends FeatureEncoder {
        private final FeatureSpec.Numeric spec;
        private final JsonPointer pointer;
        private final Double missing;

        NumericEncoder(FeatureSpec.Numeric spec, int offset) {
            super(offset);
            this.spec = spec;
            this.pointer = JsonPointer.compile(spec.field());
            this.missing = spec.missing() == null && spec.missingIndicator() ? Double.valueOf(0) : spec.missing();
        }

        @Override
        void encode(JsonNode root, String stream, VocabularyState state, float[] out) {
            JsonNode node = Values.at(root, pointer);
            if (node == null) {
                if (missing == null) {
                    throw new MappingFailure(IngestFailure.MISSING_FIELD, "field " + spec.field() + " is missing");
                }
                out[offset] = missing.floatValue();
                if (spec.missingIndicator()) {
                    out[offset + 1] = 1;
                }
                return;
            }
            double x = Values.number(node, spec.field());
            if (Double.isNaN(x)) {
                throw new MappingFailure(IngestFailure.BAD_VALUE, "field " + spec.field() + " is NaN");
            }
            x = Math.max(spec.clipLo(), Math.min(spec.clipHi(), x));
            x = switch (spec.transform()) {
                case NONE -> x;
                case LOG1P -> Math.log1p(x);
                case LOG -> Math.log(x);
                case SQRT -> Math.sqrt(x);
            };
            if (!Double.isFinite(x)) {
                throw new MappingFailure(IngestFailure.BAD_VALUE, "field " + spec.field() + " is "
                        + Values.describe(node) + ", not finite after " + spec.transform().name().toLowerCase());
            }
            x = switch (spec.scale().kind()) {
                case NONE -> x;
                case FIXED -> (x - spec.scale().mean()) / spec.scale().sd();
                case RUNNING -> {
                    RunningMoments m = state.observe(stream, spec.name(), x);
                    double sd = m.sd();
                    yield sd > 0 ? (x - m.mean()) / sd : 0;
                }
            };
            float f = (float) x;
            if (!Float.isFinite(f)) {
                throw new MappingFailure(IngestFailure.BAD_VALUE, "field " + spec.field() + " overflows a float");
            }
            out[offset] = f;
        }

        @Override
        void describe(List<FeatureTable.Feature> table) {
            table.add(new FeatureTable.Feature(offset, spec.name(), spec.field(), "numeric"));
            if (spec.missingIndicator()) {
                table.add(new FeatureTable.Feature(offset + 1, "missing(" + spec.name() + ")", spec.field(), "missing"));
            }
        }

        @Override
        boolean learns() {
            return spec.scale().kind() == FeatureSpec.Scale.Kind.RUNNING;
        }
    }

    static final class OneHotEncoder extends FeatureEncoder {
        private final FeatureSpec.OneHot spec;
        private final JsonPointer pointer;
        private final Map<String, Integer> slots = new HashMap<>();
        private final int otherSlot;

        OneHotEncoder(FeatureSpec.OneHot spec, int offset) {
            super(offset);
            this.spec = spec;
            this.pointer = JsonPointer.compile(spec.field());
            for (int i = 0; i < spec.values().size(); i++) {
                slots.put(spec.values().get(i), i);
            }
            this.otherSlot = spec.other() ? spec.width() - 1 : -1;
        }

        @Override
        void encode(JsonNode root, String stream, VocabularyState state, float[] out) {
            JsonNode node = Values.at(root, pointer);
            if (node == null) {
                if (spec.optional()) {
                    return;
                }
                throw new MappingFailure(IngestFailure.MISSING_FIELD, "field " + spec.field() + " is missing");
            }
            String value = Values.text(node, spec.field());
            int slot;
            if (spec.learns()) {
                OptionalInt learned = state.slot(stream, spec.name(), value, spec.learn());
                slot = learned.isPresent() ? learned.getAsInt() : -1;
            } else {
                slot = slots.getOrDefault(value, -1);
            }
            if (slot < 0) {
                if (otherSlot < 0) {
                    throw new MappingFailure(IngestFailure.UNKNOWN_CATEGORY, "field " + spec.field() + " value "
                            + Values.describe(node) + (spec.learns() ? " is not among the " + spec.learn() + " learned values"
                            : " is not one of " + spec.values()) + " and other is off");
                }
                slot = otherSlot;
            }
            out[offset + slot] = 1;
        }

        @Override
        void describe(List<FeatureTable.Feature> table) {
            int n = spec.learns() ? spec.learn() : spec.values().size();
            for (int i = 0; i < n; i++) {
                table.add(spec.learns()
                        ? new FeatureTable.Feature(offset + i, spec.name() + "=<learned " + i + ">", spec.field(), "one-hot-learned")
                        : new FeatureTable.Feature(offset + i, spec.name() + "=" + spec.values().get(i), spec.field(), "one-hot"));
            }
            if (spec.other()) {
                table.add(new FeatureTable.Feature(offset + n, spec.name() + "=<other>", spec.field(), "other"));
            }
        }

        @Override
        boolean learns() {
            return spec.learns();
        }
    }

    static final class HashEncoder extends FeatureEncoder {
        private final FeatureSpec.Hashed spec;
        private final JsonPointer[] pointers;
        private final String[] names;
        private final HashFunction hash;
        private final int mask;

        HashEncoder(FeatureSpec.Hashed spec, int offset) {
            super(offset);
            this.spec = spec;
            this.pointers = spec.fields().stream().map(JsonPointer::compile).toArray(JsonPointer[]::new);
            this.names = Values.stripped(spec.fields()).toArray(String[]::new);
            this.hash = Hashing.murmur3_32_fixed(spec.seed());
            this.mask = (1 << spec.bits()) - 1;
        }

        @Override
        void encode(JsonNode root, String stream, VocabularyState state, float[] out) {
            if (spec.cross()) {
                StringBuilder crossed = new StringBuilder();
                for (int i = 0; i < pointers.length; i++) {
                    String v = value(root, i);
                    if (v == null) {
                        return;
                    }
                    crossed.append(i == 0 ? "" : "^").append(names[i]).append('=').append(v);
                }
                add(crossed.toString(), out);
            } else {
                for (int i = 0; i < pointers.length; i++) {
                    String v = value(root, i);
                    if (v != null) {
                        add(names[i] + "=" + v, out);
                    }
                }
            }
        }

        /** The field's text, or null when absent and optional. */
        private String value(JsonNode root, int i) {
            JsonNode node = Values.at(root, pointers[i]);
            if (node == null) {
                if (spec.optional()) {
                    return null;
                }
                throw new MappingFailure(IngestFailure.MISSING_FIELD, "field " + spec.fields().get(i) + " is missing");
            }
            return Values.text(node, spec.fields().get(i));
        }

        /** Low bits pick the slot; the top bit, independent of them for bits <= 24, picks the sign. */
        private void add(String feature, float[] out) {
            int h = hash.hashString(feature, StandardCharsets.UTF_8).asInt();
            out[offset + (h & mask)] += spec.signed() && h < 0 ? -1 : 1;
        }

        @Override
        void describe(List<FeatureTable.Feature> table) {
            String field = String.join(",", spec.fields());
            for (int i = 0; i <= mask; i++) {
                table.add(new FeatureTable.Feature(offset + i, spec.name() + "#" + i, field, spec.cross() ? "cross" : "hash"));
            }
        }

        @Override
        boolean learns() {
            return false;
        }
    }
}

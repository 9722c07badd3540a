package io.sgdscope.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The external JSON contract of {@code samples.raw}, documented in {@code common/README.md}.
 *
 * <p>NaN and infinities are read and written as bare tokens, so that a non-finite feature reaches
 * validation (and its own DLQ reason) rather than failing as malformed JSON. Floats are parsed from
 * their text straight to float (never through double), with Jackson's fast and correctly rounded
 * parser for fractional tokens, so every float round-trips exactly. Unknown fields are
 * ignored, so producers may add fields without breaking older readers: that is why the optional
 * {@code index} needed no new format version (a reader that predates it ignores it, and a
 * record without it decodes with {@link Sample#NO_INDEX}). The optional {@code "joined": true}
 * was added the same way; it is written only when true.
 */
public final class JsonSampleCodec implements SampleCodec {

    public static final int FORMAT_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            // Schubfach: the shortest text that parses back to the same float, several times faster than Float.toString
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    @Override
    public byte[] encode(Sample sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + sample.dimension() * 12);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT_VERSION);
            g.writeStringField("id", sample.id());
            g.writeStringField("stream", sample.stream());
            if (sample.hasIndex()) {
                g.writeNumberField("index", sample.index());
            }
            g.writeNumberField("ts", sample.eventTimeMs());
            g.writeArrayFieldStart("features");
            for (float f : sample.features()) {
                g.writeNumber(f);
            }
            g.writeEndArray();
            if (sample.label() != null) {
                g.writeFieldName("label");
                writeLabel(g, sample.label());
            }
            if (sample.joined()) {
                g.writeBooleanField("joined", true);
            }
            if (sample.truth() != null) {
                g.writeObjectFieldStart("truth");
                g.writeFieldName("cleanLabel");
                writeLabel(g, sample.truth().cleanLabel());
                g.writeBooleanField("noisy", sample.truth().noisy());
                g.writeNumberField("phase", sample.truth().phase());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLabel(JsonGenerator g, Label label) throws IOException {
        g.writeStartObject();
        if (label instanceof Label.ClassIndex c) {
            g.writeNumberField("class", c.index());
        } else {
            g.writeNumberField("target", ((Label.RealTarget) label).value());
        }
        g.writeEndObject();
    }

    @Override
    public Sample decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SampleDecodeException(DecodeError.EMPTY, "empty payload");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            Sample sample = readSample(p);
            if (p.nextToken() != null) {
                throw new SampleDecodeException(DecodeError.MALFORMED, "trailing content after the JSON object");
            }
            return sample;
        } catch (JsonProcessingException e) {
            throw new SampleDecodeException(DecodeError.MALFORMED, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // bytes in memory cannot fail to be read: this is text in no encoding JSON allows (e.g. a
            // CharConversionException for what looked like UTF-32)
            throw new SampleDecodeException(DecodeError.MALFORMED, "not valid JSON text: " + e.getMessage(), e);
        }
    }

    private static Sample readSample(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "record");
        String id = null;
        String stream = null;
        Long ts = null;
        long index = Sample.NO_INDEX;
        float[] features = null;
        Label label = null;
        GroundTruth truth = null;
        boolean joined = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "v" -> {
                    int v = readInt(p, value, "v");
                    if (v != FORMAT_VERSION) {
                        throw new SampleDecodeException(DecodeError.UNSUPPORTED_VERSION,
                                "JSON format version " + v + " is not supported (this build reads " + FORMAT_VERSION + ")");
                    }
                }
                case "id" -> id = readString(p, value, "id");
                case "stream" -> stream = readString(p, value, "stream");
                case "ts" -> ts = readLong(p, value, "ts");
                case "index" -> index = value == JsonToken.VALUE_NULL ? Sample.NO_INDEX : readIndex(p, value);
                case "features" -> features = readFeatures(p, value);
                case "label" -> label = value == JsonToken.VALUE_NULL ? null : readLabel(p, value, "label");
                case "truth" -> truth = value == JsonToken.VALUE_NULL ? null : readTruth(p, value);
                case "joined" -> joined = value != JsonToken.VALUE_NULL && readBoolean(p, value, "joined");
                default -> p.skipChildren();
            }
        }
        require(id, "id");
        require(stream, "stream");
        require(ts, "ts");
        require(features, "features");
        if (joined && label == null) {
            throw new SampleDecodeException(DecodeError.INVALID_VALUE, "joined is true but the sample has no label");
        }
        return new Sample(id, stream, ts, features, label, truth, index, joined);
    }

    private static long readIndex(JsonParser p, JsonToken value) throws IOException {
        long index = readLong(p, value, "index");
        if (index < 0) {
            throw new SampleDecodeException(DecodeError.INVALID_VALUE,
                    "index must be >= 0 (leave it out when the position is not known), got " + index);
        }
        return index;
    }

    private static float[] readFeatures(JsonParser p, JsonToken token) throws IOException {
        expect(token, JsonToken.START_ARRAY, "features");
        float[] buf = new float[64];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw new SampleDecodeException(DecodeError.WRONG_TYPE,
                        "features[" + n + "] must be a number, got " + describe(t));
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            // Float.parseFloat is exact too, but far slower on the shortest-repr digits encoders write
            buf[n++] = p.isNaN() ? parseNonFinite(p.getText())
                    : t == JsonToken.VALUE_NUMBER_FLOAT ? p.getFloatValue() : Float.parseFloat(p.getText());
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    private static float parseNonFinite(String text) {
        return switch (text) {
            case "NaN" -> Float.NaN;
            case "-Infinity", "-INF" -> Float.NEGATIVE_INFINITY;
            default -> Float.POSITIVE_INFINITY;
        };
    }

    private static Label readLabel(JsonParser p, JsonToken token, String path) throws IOException {
        expect(token, JsonToken.START_OBJECT, path);
        Label label = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "class" -> label = Label.ofClass(readInt(p, value, path + ".class"));
                case "target" -> {
                    if (!value.isNumeric()) {
                        throw new SampleDecodeException(DecodeError.WRONG_TYPE,
                                path + ".target must be a number, got " + describe(value));
                    }
                    label = Label.ofTarget(p.isNaN() ? parseNonFinite(p.getText()) : p.getDoubleValue());
                }
                default -> p.skipChildren();
            }
        }
        if (label == null) {
            throw new SampleDecodeException(DecodeError.MISSING_FIELD, path + " needs 'class' or 'target'");
        }
        return label;
    }

    private static GroundTruth readTruth(JsonParser p, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT, "truth");
        Label clean = null;
        boolean noisy = false;
        int phase = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "cleanLabel" -> clean = readLabel(p, value, "truth.cleanLabel");
                case "noisy" -> noisy = readBoolean(p, value, "truth.noisy");
                case "phase" -> {
                    phase = readInt(p, value, "truth.phase");
                    if (phase < 0) {
                        throw new SampleDecodeException(DecodeError.INVALID_VALUE, "truth.phase must be >= 0, got " + phase);
                    }
                }
                default -> p.skipChildren();
            }
        }
        require(clean, "truth.cleanLabel");
        return new GroundTruth(clean, noisy, phase);
    }

    private static boolean readBoolean(JsonParser p, JsonToken t, String path) throws IOException {
        if (!t.isBoolean()) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, path + " must be a boolean, got " + describe(t));
        }
        return p.getBooleanValue();
    }

    private static String readString(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, path + " must be a string, got " + describe(t));
        }
        return p.getText();
    }

    private static long readLong(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, path + " must be an integer, got " + describe(t));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new SampleDecodeException(DecodeError.INVALID_VALUE, path + " is out of range: " + p.getText());
        }
        return p.getLongValue();
    }

    private static int readInt(JsonParser p, JsonToken t, String path) throws IOException {
        long v = readLong(p, t, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new SampleDecodeException(DecodeError.INVALID_VALUE, path + " is out of range: " + v);
        }
        return (int) v;
    }

    private static void expect(JsonToken actual, JsonToken expected, String path) {
        if (actual != expected) {
            String kind = expected == JsonToken.START_ARRAY ? "an array" : "an object";
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, path + " must be " + kind + ", got " + describe(actual));
        }
    }

    private static void require(Object value, String path) {
        if (value == null) {
            throw new SampleDecodeException(DecodeError.MISSING_FIELD, "required field '" + path + "' is missing");
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}

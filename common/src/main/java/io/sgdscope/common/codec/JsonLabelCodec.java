package io.sgdscope.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON contract of {@code labels.raw}:
 * {@code {"v":1,"id":"sample-id","stream":"s","ts":1700000000000,"label":{"class":1}}} (or
 * {@code "label":{"target":2.5}}). Same conventions as {@link JsonSampleCodec}: unknown fields are
 * ignored, NaN is read as a bare token so that it reaches validation, errors name the field.
 */
public final class JsonLabelCodec {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    public byte[] encode(LabelRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", JsonSampleCodec.FORMAT_VERSION);
            g.writeStringField("id", r.sampleId());
            g.writeStringField("stream", r.stream());
            g.writeNumberField("ts", r.eventTimeMs());
            g.writeObjectFieldStart("label");
            if (r.label() instanceof Label.ClassIndex c) {
                g.writeNumberField("class", c.index());
            } else {
                g.writeNumberField("target", ((Label.RealTarget) r.label()).value());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws SampleDecodeException naming the reason when the bytes are not a valid label record */
    public LabelRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SampleDecodeException(DecodeError.EMPTY, "empty payload");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            LabelRecord r = read(p);
            if (p.nextToken() != null) {
                throw new SampleDecodeException(DecodeError.MALFORMED, "trailing content after the JSON object");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new SampleDecodeException(DecodeError.MALFORMED, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // bytes in memory cannot fail to be read: this is text in no encoding JSON allows (e.g. a
            // CharConversionException for what looked like UTF-32)
            throw new SampleDecodeException(DecodeError.MALFORMED, "not valid JSON text: " + e.getMessage(), e);
        }
    }

    private static LabelRecord read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, "label record must be an object");
        }
        String id = null;
        String stream = null;
        Long ts = null;
        Label label = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "v" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() != JsonSampleCodec.FORMAT_VERSION) {
                        throw new SampleDecodeException(DecodeError.UNSUPPORTED_VERSION,
                                "JSON format version " + p.getText() + " is not supported (this build reads "
                                        + JsonSampleCodec.FORMAT_VERSION + ")");
                    }
                }
                case "id" -> id = string(p, value, "id");
                case "stream" -> stream = string(p, value, "stream");
                case "ts" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new SampleDecodeException(DecodeError.WRONG_TYPE, "ts must be a 64-bit integer, got " + p.getText());
                    }
                    ts = p.getLongValue();
                }
                case "label" -> label = label(p, value);
                default -> p.skipChildren();
            }
        }
        require(id, "id");
        require(stream, "stream");
        require(ts, "ts");
        require(label, "label");
        return new LabelRecord(id, stream, label, ts);
    }

    private static Label label(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, "label must be an object, got " + p.getText());
        }
        Label label = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("class")) {
                if (value != JsonToken.VALUE_NUMBER_INT) {
                    throw new SampleDecodeException(DecodeError.WRONG_TYPE, "label.class must be an integer, got " + p.getText());
                }
                long c = p.getLongValue();
                if (c < Integer.MIN_VALUE || c > Integer.MAX_VALUE) {
                    throw new SampleDecodeException(DecodeError.INVALID_VALUE, "label.class is out of range: " + c);
                }
                label = Label.ofClass((int) c);
            } else if (field.equals("target")) {
                if (!value.isNumeric()) {
                    throw new SampleDecodeException(DecodeError.WRONG_TYPE, "label.target must be a number, got " + p.getText());
                }
                label = Label.ofTarget(p.isNaN() ? Double.parseDouble(p.getText().replace("INF", "Infinity")) : p.getDoubleValue());
            } else {
                p.skipChildren();
            }
        }
        if (label == null) {
            throw new SampleDecodeException(DecodeError.MISSING_FIELD, "label needs 'class' or 'target'");
        }
        return label;
    }

    private static String string(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new SampleDecodeException(DecodeError.WRONG_TYPE, path + " must be a string, got " + p.getText());
        }
        return p.getText();
    }

    private static void require(Object value, String path) {
        if (value == null) {
            throw new SampleDecodeException(DecodeError.MISSING_FIELD, "required field '" + path + "' is missing");
        }
    }
}

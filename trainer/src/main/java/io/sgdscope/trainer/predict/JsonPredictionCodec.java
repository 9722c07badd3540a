package io.sgdscope.trainer.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sgdscope.trainer.model.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The JSON contract of {@code predictions}, one object per {@link PredictionRecord}:
 * <pre>
 * {"v":1,"id":"s-17","stream":"s","variant":"sgd","step":42,"class":1,"probabilities":[0.25,0.75],
 *  "sample_time_ms":1700000000000,"predicted_at_ms":1700000000120,"labelled":false}
 * </pre>
 * For regression {@code "value":2.5} replaces {@code class} and {@code probabilities}. A non-finite
 * number (a diverged model) is written as {@code null}, so any JSON parser reads every record, and
 * read back as NaN. Readers ignore unknown fields, so fields can be added without a version bump.
 * Delivery is at least once: a consumer de-duplicates on ({@code id}, {@code variant}, {@code step}).
 */
public final class JsonPredictionCodec {

    public static final int FORMAT_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    public byte[] encode(PredictionRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT_VERSION);
            g.writeStringField("id", r.sampleId());
            g.writeStringField("stream", r.stream());
            g.writeStringField("variant", r.variant());
            g.writeNumberField("step", r.step());
            Prediction p = r.prediction();
            if (p.isRegression()) {
                g.writeFieldName("value");
                number(g, p.value());
            } else {
                g.writeNumberField("class", p.predictedClass());
                g.writeArrayFieldStart("probabilities");
                for (double q : p.probabilities()) {
                    number(g, q);
                }
                g.writeEndArray();
            }
            g.writeNumberField("sample_time_ms", r.sampleTimeMs());
            g.writeNumberField("predicted_at_ms", r.predictedAtMs());
            g.writeBooleanField("labelled", r.labelled());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a record written by {@link #encode}; {@code class} is not read back, since it follows
     * from the probabilities.
     *
     * @throws IllegalArgumentException naming the field when the bytes are not a prediction record
     */
    public PredictionRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty prediction record");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return read(p);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PredictionRecord read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("a prediction record must be a JSON object");
        }
        String id = null;
        String stream = null;
        String variant = null;
        Long step = null;
        double[] probabilities = null;
        Double value = null;
        Long sampleTime = null;
        Long predictedAt = null;
        Boolean labelled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "v" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != FORMAT_VERSION) {
                        throw new IllegalArgumentException("prediction format version " + p.getText()
                                + " is not supported (this build reads " + FORMAT_VERSION + ")");
                    }
                }
                case "id" -> id = text(p, t, field);
                case "stream" -> stream = text(p, t, field);
                case "variant" -> variant = text(p, t, field);
                case "step" -> step = integer(p, t, field);
                case "sample_time_ms" -> sampleTime = integer(p, t, field);
                case "predicted_at_ms" -> predictedAt = integer(p, t, field);
                case "value" -> value = number(p, t, field);
                case "probabilities" -> probabilities = numbers(p, t, field);
                case "labelled" -> {
                    if (!t.isBoolean()) {
                        throw new IllegalArgumentException("labelled must be true or false, got " + p.getText());
                    }
                    labelled = t == JsonToken.VALUE_TRUE;
                }
                default -> p.skipChildren();
            }
        }
        if ((probabilities == null) == (value == null)) {
            throw new IllegalArgumentException("a prediction record needs either 'probabilities' or 'value'");
        }
        Prediction prediction = value != null ? Prediction.ofValue(value) : Prediction.ofProbabilities(probabilities);
        return new PredictionRecord(required(id, "id"), required(stream, "stream"), required(variant, "variant"),
                required(step, "step"), prediction, required(sampleTime, "sample_time_ms"),
                required(predictedAt, "predicted_at_ms"), required(labelled, "labelled"));
    }

    private static void number(JsonGenerator g, double x) throws IOException {
        if (Double.isFinite(x)) {
            g.writeNumber(x);
        } else {
            g.writeNull();
        }
    }

    private static double number(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (!t.isNumeric()) {
            throw new IllegalArgumentException(field + " must be a number or null, got " + p.getText());
        }
        return p.getDoubleValue();
    }

    private static double[] numbers(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(field + " must be an array, got " + p.getText());
        }
        double[] xs = new double[4];
        int n = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (n == xs.length) {
                xs = Arrays.copyOf(xs, 2 * n);
            }
            xs[n++] = number(p, e, field);
        }
        return Arrays.copyOf(xs, n);
    }

    private static long integer(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException(field + " must be a 64-bit integer, got " + p.getText());
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(field + " must be a string, got " + p.getText());
        }
        return p.getText();
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("required field '" + field + "' is missing");
        }
        return value;
    }
}

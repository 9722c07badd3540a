package io.sgdscope.trainer.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.sgdscope.trainer.model.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /**
     * The record as JSON, written by hand rather than through a Jackson generator: this runs on the
     * training thread for every published prediction, and the generator's per-call setup was most of
     * its cost. Strings are escaped as JSON requires; {@link #decode} (Jackson) reads it back.
     */
    public byte[] encode(PredictionRecord r) {
        Prediction p = r.prediction();
        JsonBytes out = new JsonBytes(160 + 24 * p.probabilities().length);
        out.raw("{\"v\":").number(FORMAT_VERSION);
        out.raw(",\"id\":").string(r.sampleId());
        out.raw(",\"stream\":").string(r.stream());
        out.raw(",\"variant\":").string(r.variant());
        out.raw(",\"step\":").number(r.step());
        if (p.isRegression()) {
            out.raw(",\"value\":").number(p.value());
        } else {
            out.raw(",\"class\":").number(p.predictedClass());
            out.raw(",\"probabilities\":[");
            double[] probabilities = p.probabilities();
            for (int k = 0; k < probabilities.length; k++) {
                if (k > 0) {
                    out.raw(",");
                }
                out.number(probabilities[k]);
            }
            out.raw("]");
        }
        out.raw(",\"sample_time_ms\":").number(r.sampleTimeMs());
        out.raw(",\"predicted_at_ms\":").number(r.predictedAtMs());
        out.raw(r.labelled() ? ",\"labelled\":true}" : ",\"labelled\":false}");
        return out.toByteArray();
    }

    /** A growable UTF-8 buffer with the few JSON writes {@link #encode} needs. */
    private static final class JsonBytes {
        private byte[] buf;
        private int size;

        JsonBytes(int capacity) {
            buf = new byte[capacity];
        }

        /** ASCII text that needs no escaping: punctuation and field names. */
        JsonBytes raw(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                buf[size++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        JsonBytes number(long n) {
            return raw(Long.toString(n));
        }

        /** Shortest round-tripping decimal (Schubfach, as the decoder's Jackson would write it); non-finite as null. */
        JsonBytes number(double x) {
            return raw(Double.isFinite(x) ? NumberOutput.toString(x, true) : "null");
        }

        JsonBytes string(String s) {
            ensure(s.length() + 2);
            buf[size++] = '"';
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                    ensure(1);
                    buf[size++] = (byte) c;
                } else {
                    // control characters, quotes and backslashes as JSON escapes, the rest as UTF-8
                    escaped(s, i);
                    break;
                }
            }
            ensure(1);
            buf[size++] = '"';
            return this;
        }

        private void escaped(String s, int from) {
            StringBuilder sb = new StringBuilder(s.length() - from + 8);
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
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

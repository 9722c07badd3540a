package io.sgdscope.producers.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgdscope.common.Label;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * {@code jsonl}: JSON Lines, one object per line such as {@code {"features": [0.1, 2.0], "label": 1}}.
 * A line that is not such an object, has another number of features than {@code dimension}, or a
 * label that is not a class in 0..classes−1 is a bad record, reported with its line number.
 *
 * <p>Parameters: {@code path}, {@code dimension} (required), {@code features-field} (default
 * {@code features}), {@code label-field} (default {@code label}), {@code task}, {@code classes}
 * (default: 1 + the largest label in the file), {@code replay}, {@code on-error}.
 */
public final class JsonLinesSource extends LineFileSource {

    public static final String NAME = "jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int dimension;
    private final String featuresField;
    private final String labelField;
    private final boolean classification;
    private int classes;

    public JsonLinesSource(String stream, Path file, int dimension, String featuresField, String labelField,
                           boolean classification, int classes, Replay replay, OnError onError, LongSupplier clockMs)
            throws IOException {
        super(file, replay, onError, clockMs);
        this.dimension = dimension;
        this.featuresField = featuresField;
        this.labelField = labelField;
        this.classification = classification;
        if (classification && classes == 0) {
            this.classes = Integer.MAX_VALUE;
            classes = Math.max(2, scanMaxClass() + 1);
        }
        this.classes = classes;
        schema(classification ? SourceSchema.classification(stream, dimension, classes)
                : SourceSchema.regression(stream, dimension));
    }

    @Override
    Row parse(String text, long lineNumber) throws BadRecordException {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(lineNumber, "is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadRecordException(lineNumber, "is not a JSON object");
        }
        JsonNode f = n.get(featuresField);
        if (f == null || !f.isArray()) {
            throw new BadRecordException(lineNumber, "has no '" + featuresField + "' array");
        }
        if (f.size() != dimension) {
            throw new BadRecordException(lineNumber, "has " + f.size() + " features, expected " + dimension);
        }
        float[] x = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            JsonNode v = f.get(i);
            if (!v.isNumber()) {
                throw new BadRecordException(lineNumber, "feature " + i + " is not a number: " + v);
            }
            x[i] = (float) v.asDouble();
        }
        JsonNode l = n.get(labelField);
        if (l == null || l.isNull()) {
            return new Row(x, null);
        }
        if (!l.isNumber()) {
            throw new BadRecordException(lineNumber, "'" + labelField + "' is not a number: " + l);
        }
        if (!classification) {
            return new Row(x, Label.ofTarget(l.asDouble()));
        }
        if (!l.isIntegralNumber() || l.asLong() < 0 || l.asLong() >= classes) {
            throw new BadRecordException(lineNumber, "label " + l + " is not a class in 0.."
                    + (classes == Integer.MAX_VALUE ? "" : String.valueOf(classes - 1)));
        }
        return new Row(x, Label.ofClass(l.asInt()));
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            Path file = p.settings().existingFile("path");
            if (!p.settings().has(SourceContext.DIMENSION)) {
                throw new io.sgdscope.common.config.ConfigException(SourceContext.key(SourceContext.DIMENSION),
                        "is required for source type jsonl");
            }
            boolean classification = p.settings().enumValue("task", SourceSchema.Task.class, SourceSchema.Task.CLASSIFICATION)
                    == SourceSchema.Task.CLASSIFICATION;
            try {
                return new JsonLinesSource(p.stream(), file, p.dimension(), p.settings().string("features-field", "features"),
                        p.settings().string("label-field", "label"), classification, p.settings().intValue("classes", 0, 0, 1_000_000),
                        replay(p), onError(p), p.clockMs());
            } catch (IOException e) {
                throw p.settings().problem("path", e.getMessage());
            }
        }
    }
}

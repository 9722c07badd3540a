package io.sgdscope.producers.source.file;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * {@code csv}: a header line, then one record per line; every column but the label column is a
 * numeric feature. Quoting is not supported. A row with the wrong number of columns, a value that
 * is not a number, or a class label that is not an integer in 0..classes−1 is a bad record,
 * reported with its line number.
 *
 * <p>Parameters: {@code path}, {@code label-column} (a header name; default the last column),
 * {@code delimiter} (default {@code ,}), {@code task} (classification or regression),
 * {@code classes} (default: 1 + the largest label in the file), {@code replay}, {@code on-error}.
 */
public final class CsvSource extends LineFileSource {

    public static final String NAME = "csv";

    private final Pattern delimiter;
    private final int columns;
    private final int labelColumn;
    private final boolean classification;
    private int classes;

    public CsvSource(String stream, Path file, String labelColumnName, String delimiter, boolean classification,
                     int classes, Replay replay, OnError onError, LongSupplier clockMs) throws IOException {
        super(file, replay, onError, clockMs);
        this.delimiter = Pattern.compile(Pattern.quote(delimiter));
        this.classification = classification;
        List<String> header;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(openMaybeGzipped(file), StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (first == null || first.isBlank()) {
                throw new IOException(file + " is empty; a CSV source needs a header line");
            }
            header = Arrays.stream(this.delimiter.split(first, -1)).map(String::trim).toList();
        }
        this.columns = header.size();
        if (columns < 2) {
            throw new IOException(file + " header has " + columns + " column; need at least one feature and a label");
        }
        this.labelColumn = labelColumnName == null ? columns - 1 : header.indexOf(labelColumnName);
        if (labelColumn < 0) {
            throw new IllegalArgumentException("label column '" + labelColumnName + "' is not in the header of " + file
                    + ": " + header);
        }
        if (classification && classes == 0) {
            this.classes = Integer.MAX_VALUE;
            classes = Math.max(2, scanMaxClass() + 1);
        }
        this.classes = classes;
        schema(classification ? SourceSchema.classification(stream, columns - 1, classes)
                : SourceSchema.regression(stream, columns - 1));
    }

    @Override
    int headerLines() {
        return 1;
    }

    @Override
    Row parse(String text, long lineNumber) throws BadRecordException {
        String[] cells = delimiter.split(text, -1);
        if (cells.length != columns) {
            throw new BadRecordException(lineNumber, "has " + cells.length + " columns, the header has " + columns);
        }
        float[] x = new float[columns - 1];
        Label y = null;
        for (int c = 0, j = 0; c < columns; c++) {
            String cell = cells[c].trim();
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new BadRecordException(lineNumber, "column " + (c + 1) + " is not a number: '" + cell + "'");
            }
            if (!Double.isFinite(v)) {
                throw new BadRecordException(lineNumber, "column " + (c + 1) + " is not finite: '" + cell + "'");
            }
            if (c == labelColumn) {
                y = label(v, lineNumber);
            } else {
                x[j++] = (float) v;
            }
        }
        return new Row(x, y);
    }

    private Label label(double v, long lineNumber) throws BadRecordException {
        if (!classification) {
            return Label.ofTarget(v);
        }
        if (v != Math.rint(v) || v < 0 || v >= classes) {
            throw new BadRecordException(lineNumber, "label " + v + " is not a class in 0.."
                    + (classes == Integer.MAX_VALUE ? "" : String.valueOf(classes - 1)));
        }
        return Label.ofClass((int) v);
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            Path file = p.settings().existingFile("path");
            boolean classification = p.settings().enumValue("task", SourceSchema.Task.class, SourceSchema.Task.CLASSIFICATION)
                    == SourceSchema.Task.CLASSIFICATION;
            try {
                return new CsvSource(p.stream(), file, p.settings().has("label-column") ? p.settings().string("label-column", null) : null,
                        p.settings().string("delimiter", ","), classification, p.settings().intValue("classes", 0, 0, 1_000_000),
                        replay(p), onError(p), p.clockMs());
            } catch (IOException e) {
                throw p.settings().problem("path", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw p.settings().problem("label-column", e.getMessage());
            }
        }
    }
}

package io.sgdscope.producers.source.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** A file source with one record per line (CSV, JSON Lines), optionally gzipped; blank lines are ignored. */
abstract class LineFileSource extends FileSource {

    private BufferedReader reader;
    private long line;

    LineFileSource(Path file, Replay replay, OnError onError, LongSupplier clockMs) {
        super(file, "line", replay, onError, clockMs);
    }

    /** Lines before the first record (a CSV header). */
    int headerLines() {
        return 0;
    }

    /** Parses one line, numbered from 1 in the file. */
    abstract Row parse(String text, long lineNumber) throws BadRecordException;

    @Override
    protected void open() throws IOException {
        reader = new BufferedReader(new InputStreamReader(openMaybeGzipped(file()), StandardCharsets.UTF_8), 1 << 16);
        line = 0;
        for (int i = 0; i < headerLines(); i++) {
            reader.readLine();
            line++;
        }
    }

    @Override
    protected Row read() throws IOException, BadRecordException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (!text.isBlank()) {
                return parse(text, line);
            }
        }
        return null;
    }

    @Override
    protected void closeInput() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Reads the whole file once, for what the header does not say (the number of classes). */
    int scanMaxClass() throws IOException {
        int max = -1;
        open();
        try {
            while (true) {
                Row r;
                try {
                    r = read();
                } catch (BadRecordException e) {
                    continue;
                }
                if (r == null) {
                    break;
                }
                if (r.label() instanceof io.sgdscope.common.Label.ClassIndex c) {
                    max = Math.max(max, c.index());
                }
            }
        } finally {
            closeInput();
        }
        return max;
    }
}

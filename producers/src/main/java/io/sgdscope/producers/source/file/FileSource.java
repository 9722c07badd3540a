package io.sgdscope.producers.source.file;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the file sources: reads records in order, replays the file once or in a loop, and on a
 * bad record either skips it (logging its row number) or fails, as configured by {@code on-error}.
 * Subclasses read one record at a time and report bad ones with {@link BadRecordException}.
 */
public abstract class FileSource implements SampleSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    /** Keys every file source reads. */
    public static final String REPLAY = "replay";
    public static final String ON_ERROR = "on-error";

    public enum Replay { ONCE, LOOP }

    public enum OnError { SKIP, FAIL }

    /** A record that cannot be read; {@code row} is 1-based in the unit the file uses (line, record). */
    public static final class BadRecordException extends Exception {
        private final long row;

        public BadRecordException(long row, String message) {
            super(message);
            this.row = row;
        }

        public long row() {
            return row;
        }
    }

    /** A bad record under {@code on-error: fail}, or a file that cannot be read. */
    public static final class FileSourceException extends RuntimeException {
        public FileSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One labelled record. */
    protected record Row(float[] features, Label label) {
    }

    private final Path file;
    private final String rowUnit;
    private final Replay replay;
    private final OnError onError;
    private final LongSupplier clockMs;
    private SourceSchema schema;
    private String idPrefix;
    private long count;
    private long skipped;
    private long validThisPass;
    private boolean open;

    protected FileSource(Path file, String rowUnit, Replay replay, OnError onError, LongSupplier clockMs) {
        this.file = file;
        this.rowUnit = rowUnit;
        this.replay = replay;
        this.onError = onError;
        this.clockMs = clockMs;
    }

    protected static Replay replay(SourceContext p) {
        return p.settings().enumValue(REPLAY, Replay.class, Replay.ONCE);
    }

    protected static OnError onError(SourceContext p) {
        return p.settings().enumValue(ON_ERROR, OnError.class, OnError.SKIP);
    }

    /** Subclasses call this once they know the shape, before the first {@link #next()}. */
    protected final void schema(SourceSchema s) {
        this.schema = s;
        this.idPrefix = s.stream() + "-";
    }

    @Override
    public SourceSchema schema() {
        return schema;
    }

    /** Records skipped as bad so far (counted again on every replay). */
    public long skipped() {
        return skipped;
    }

    public Path file() {
        return file;
    }

    /** Opens (or reopens, for a replay) the input at its first record. */
    protected abstract void open() throws IOException;

    /** The next record, or null at the end of the file. */
    protected abstract Row read() throws IOException, BadRecordException;

    protected abstract void closeInput() throws IOException;

    @Override
    public final Optional<Sample> next() {
        try {
            if (!open) {
                open();
                open = true;
                validThisPass = 0;
            }
            while (true) {
                Row row;
                try {
                    row = read();
                } catch (BadRecordException e) {
                    String where = file + " " + rowUnit + " " + e.row() + ": " + e.getMessage();
                    if (onError == OnError.FAIL) {
                        throw new FileSourceException(where + " (set source.on-error: skip to skip bad records)", e);
                    }
                    skipped++;
                    LOG.warn("skipping {}", where);
                    continue;
                }
                if (row == null) {
                    closeInput();
                    open = false;
                    if (replay == Replay.LOOP && validThisPass > 0) {
                        open();
                        open = true;
                        validThisPass = 0;
                        continue;
                    }
                    return Optional.empty();
                }
                validThisPass++;
                // the index is the position in the produced stream, which keeps counting across replays
                long index = count++;
                return Optional.of(new Sample(idPrefix + index, schema.stream(), clockMs.getAsLong(), row.features(),
                        row.label(), row.label() == null ? null : new GroundTruth(row.label(), false, 0), index));
            }
        } catch (IOException e) {
            throw new FileSourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (open) {
                open = false;
                closeInput();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic number. */
    protected static InputStream openMaybeGzipped(Path p) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}

package io.sgdscope.producers.source.file;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.ImageSource;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * {@code idx}: the IDX format of MNIST and Fashion-MNIST, optionally gzipped (detected by its magic
 * number): an image file (magic 0x00000803, unsigned bytes, count × rows × columns) and a label file
 * (magic 0x00000801, count bytes). Pixels are scaled to [0, 1]. A label outside 0..classes−1 is a
 * bad record; a wrong magic number or differing counts fail at once; a truncated file ends the
 * data at the last whole record (reported, or failing under {@code on-error: fail}).
 *
 * <p>Parameters: {@code images}, {@code labels} (paths), {@code classes} (default 10),
 * {@code replay} (once or loop), {@code on-error} (skip or fail).
 */
public final class IdxSource extends FileSource implements ImageSource {

    public static final String NAME = "idx";
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private final Path labelsFile;
    private final int classes;
    private int rows;
    private int cols;
    private int count;
    private DataInputStream images;
    private DataInputStream labels;
    private byte[] buffer;
    private long record;
    private boolean truncated;

    public IdxSource(String stream, Path imagesFile, Path labelsFile, int classes, Replay replay, OnError onError,
                     LongSupplier clockMs) throws IOException {
        super(imagesFile, "record", replay, onError, clockMs);
        this.labelsFile = labelsFile;
        this.classes = classes;
        open();
        closeInput();
        schema(SourceSchema.classification(stream, rows * cols, classes));
    }

    @Override
    public int imageRows() {
        return rows;
    }

    @Override
    public int imageColumns() {
        return cols;
    }

    /** Records in the file as its header says. */
    public int count() {
        return count;
    }

    @Override
    protected void open() throws IOException {
        images = new DataInputStream(openMaybeGzipped(file()));
        labels = new DataInputStream(openMaybeGzipped(labelsFile));
        try {
            int magic = images.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file() + " is not an IDX image file: magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(IMAGES_MAGIC));
            }
            int n = images.readInt();
            rows = images.readInt();
            cols = images.readInt();
            int lm = labels.readInt();
            if (lm != LABELS_MAGIC) {
                throw new IOException(labelsFile + " is not an IDX label file: magic number 0x" + Integer.toHexString(lm)
                        + ", expected 0x" + Integer.toHexString(LABELS_MAGIC));
            }
            int ln = labels.readInt();
            if (n != ln || n < 0 || rows <= 0 || cols <= 0) {
                throw new IOException("IDX files disagree: " + file() + " has " + n + " images of " + rows + "x" + cols
                        + ", " + labelsFile + " has " + ln + " labels");
            }
            count = n;
        } catch (EOFException e) {
            throw new IOException("IDX header is truncated in " + file() + " or " + labelsFile, e);
        }
        buffer = new byte[rows * cols];
        record = 0;
        truncated = false;
    }

    @Override
    protected Row read() throws IOException, BadRecordException {
        if (record >= count || truncated) {
            return null;
        }
        record++;
        int label;
        try {
            images.readFully(buffer);
            label = labels.readUnsignedByte();
        } catch (EOFException e) {
            truncated = true;
            throw new BadRecordException(record, "file is truncated: the header promises " + count
                    + " records; the rest is lost");
        }
        if (label >= classes) {
            throw new BadRecordException(record, "label " + label + " outside 0.." + (classes - 1));
        }
        float[] x = new float[buffer.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (buffer[i] & 0xFF) / 255f;
        }
        return new Row(x, Label.ofClass(label));
    }

    @Override
    protected void closeInput() throws IOException {
        try {
            if (images != null) {
                images.close();
            }
        } finally {
            if (labels != null) {
                labels.close();
            }
        }
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            Path img = p.settings().existingFile("images");
            Path lab = p.settings().existingFile("labels");
            try {
                return new IdxSource(p.stream(), img, lab, p.settings().intValue("classes", 10, 2, 256), replay(p), onError(p),
                        p.clockMs());
            } catch (IOException e) {
                throw p.settings().problem("images", e.getMessage());
            }
        }
    }
}

package io.sgdscope.trainer.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The training state of one checkpointed model behind a header that names its layout version:
 * the magic {@code "SGDS"}, then the version, then the body. What each version's body holds is
 * its writer's business; this class only frames it, so that a state from a newer trainer is
 * refused by name and a truncated or overlong one is refused instead of half-restored.
 *
 * <p>States of layout version {@value #UNVERSIONED} predate the header and start directly with
 * the body. A version-1 body starts with a non-negative step count written as a long, whose high
 * int is 0 for any real step count, so it can never be mistaken for the magic.
 */
public final class VersionedState {

    /** The layout version of a state written before states carried a header. */
    public static final int UNVERSIONED = 1;
    static final int MAGIC = 0x53474453; // "SGDS"
    private static final int HEADER_BYTES = 8;

    /** Writes one body layout. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutput out) throws IOException;
    }

    /** Reads the body of the given layout version; it must consume the body exactly. */
    @FunctionalInterface
    public interface Reader {
        void read(int version, Body in) throws IOException;
    }

    /** The body of a state, after its header: a DataInput that knows its version and how many bytes remain. */
    public static final class Body extends DataInputStream {
        private final int version;
        private final ByteArrayInputStream bytes;

        private Body(int version, ByteArrayInputStream bytes) {
            super(bytes);
            this.version = version;
            this.bytes = bytes;
        }

        public int version() {
            return version;
        }

        /** Exact, since the body is an array in memory. */
        public int remaining() {
            return bytes.available();
        }
    }

    private VersionedState() {
    }

    /** Frames the body written by {@code writer} as layout {@code version}. */
    public static byte[] write(int version, Writer writer) {
        if (version <= UNVERSIONED) {
            throw new IllegalArgumentException("a framed state has a layout version > " + UNVERSIONED + ", got " + version);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a model state into memory", e);
        }
        return bytes.toByteArray();
    }

    /** The body of a state, positioned after its header (if it has one); no version is checked. */
    public static Body open(byte[] state) {
        if (state.length >= HEADER_BYTES && intAt(state, 0) == MAGIC) {
            return new Body(intAt(state, 4),
                    new ByteArrayInputStream(state, HEADER_BYTES, state.length - HEADER_BYTES));
        }
        return new Body(UNVERSIONED, new ByteArrayInputStream(state));
    }

    /**
     * Reads a state with {@code reader}.
     *
     * @param newest the newest layout version the caller knows
     * @throws IOException if the state's version is unknown, or its body ends early or has bytes left over
     */
    public static void read(byte[] state, int newest, Reader reader) throws IOException {
        Body body = open(state);
        int version = body.version();
        if (version < UNVERSIONED || version > newest) {
            throw new IOException("model state has layout version " + version + ", this trainer reads versions "
                    + UNVERSIONED + " to " + newest + (version > newest ? "; was it written by a newer sgdscope?" : ""));
        }
        try (body) {
            reader.read(version, body);
        } catch (EOFException e) {
            throw new IOException("model state of layout version " + version + " is truncated: " + state.length
                    + " bytes end before its last field", e);
        }
        if (body.remaining() > 0) {
            throw new IOException("model state of layout version " + version + " has " + body.remaining()
                    + " bytes after its last field");
        }
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}

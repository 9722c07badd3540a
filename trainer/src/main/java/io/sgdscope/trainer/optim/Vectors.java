package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Kernels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small float-array helpers shared by the optimizers. */
public final class Vectors {

    private Vectors() {
    }

    /** Read once: a static final the JIT inlines through. */
    private static final Kernels KERNELS = Kernels.active();

    /** L2 norm: {@link Kernels#norm} of this JVM's kernels (float block sums, double if they overflow). */
    public static double norm(float[] v) {
        return KERNELS.norm(v);
    }

    /** Length-prefixed, -1 for null; floats as raw bits so a round trip is exact. */
    public static void write(DataOutput out, float[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (float x : v) {
            out.writeInt(Float.floatToRawIntBits(x));
        }
    }

    public static float[] read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < -1) {
            throw new IOException("negative array length " + n);
        }
        if (n == -1) {
            return null;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(in.readInt());
        }
        return v;
    }
}

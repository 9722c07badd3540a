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

    /** Elements per float partial sum of {@link #norm}; the partial sums add up in double. */
    private static final int NORM_BLOCK = 1024;

    /**
     * L2 norm. Squares are summed with float multiply-adds ({@link Kernels#sumOfSquares}: vector
     * lanes or eight independent sums) per block of {@value #NORM_BLOCK} (twice as fast as
     * converting each element to double; the training thread computes this every step), the
     * blocks' sums in double, so the relative error stays
     * near float's epsilon. If a float sum overflows, the norm is summed again in double, so a huge
     * finite gradient is not mistaken for an infinite one.
     */
    public static double norm(float[] v) {
        double total = 0;
        for (int from = 0; from < v.length; from += NORM_BLOCK) {
            total += KERNELS.sumOfSquares(v, from, Math.min(v.length, from + NORM_BLOCK));
        }
        return Double.isFinite(total) ? Math.sqrt(total) : normInDouble(v);
    }

    /** The L2 norm summed in double throughout: finite for any finite input. */
    static double normInDouble(float[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 7 < v.length; i += 8) {
            s0 += (double) v[i] * v[i];
            s1 += (double) v[i + 1] * v[i + 1];
            s2 += (double) v[i + 2] * v[i + 2];
            s3 += (double) v[i + 3] * v[i + 3];
            s4 += (double) v[i + 4] * v[i + 4];
            s5 += (double) v[i + 5] * v[i + 5];
            s6 += (double) v[i + 6] * v[i + 6];
            s7 += (double) v[i + 7] * v[i + 7];
        }
        for (; i < v.length; i++) {
            s0 += (double) v[i] * v[i];
        }
        return Math.sqrt(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
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

package io.sgdscope.trainer.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small float-array helpers shared by the optimizers. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * L2 norm, summed in double so a huge finite gradient is not mistaken for an infinite one; eight
     * independent sums, so the adds overlap instead of waiting on each other.
     */
    public static double norm(float[] v) {
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

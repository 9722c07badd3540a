package io.sgdscope.trainer.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small float-array helpers shared by the optimizers. */
public final class Vectors {

    private Vectors() {
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
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

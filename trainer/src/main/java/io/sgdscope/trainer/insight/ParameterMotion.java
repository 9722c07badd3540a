package io.sgdscope.trainer.insight;

/**
 * How far parameters moved: distances between two parameter vectors over an index range (a
 * layer's, or all), summed in double. Used for the distance from initialisation ‖θ − θ₀‖ and the
 * update-to-parameter ratio between snapshots.
 */
public final class ParameterMotion {

    private ParameterMotion() {
    }

    /** ‖a − b‖₂ over [from, to). */
    public static double distance(float[] a, float[] b, int from, int to) {
        Args.range(a.length, from, to);
        Args.range(b.length, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** ‖a‖₂ over [from, to). */
    public static double norm(float[] a, int from, int to) {
        Args.range(a.length, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) a[i] * a[i];
        }
        return Math.sqrt(s);
    }

    /**
     * The update-to-parameter ratio per step between a parameter vector {@code before} and one
     * {@code steps} optimizer steps later, {@code after}: ‖after − before‖ / (steps · ‖after‖) over
     * [from, to). For one step it is the update's norm over the parameters' norm; over k steps it
     * is the mean net displacement per step, which equals the per-step ratio when the steps point
     * the same way and is smaller when they cancel (gradient noise). NaN when {@code steps < 1} or
     * the parameters are zero.
     */
    public static double updateRatio(float[] before, float[] after, long steps, int from, int to) {
        if (steps < 1) {
            return Double.NaN;
        }
        double norm = norm(after, from, to);
        return norm > 0 ? distance(after, before, from, to) / (steps * norm) : Double.NaN;
    }
}

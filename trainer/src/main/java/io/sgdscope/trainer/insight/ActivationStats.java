package io.sgdscope.trainer.insight;

/**
 * Dead units and activation sparsity of a hidden layer's activations over a window. Meant for
 * ReLU layers, where an activation ≤ 0 is exactly 0 and the unit passes no gradient for that row;
 * for tanh or identity layers "≤ 0" is only the sign and these are not dead units.
 *
 * @param units           the layer's width (columns)
 * @param rows            rows (samples) in the window
 * @param deadUnits       units ≤ 0 on every row
 * @param inactiveEntries entries ≤ 0
 */
public record ActivationStats(int units, int rows, int deadUnits, long inactiveEntries) {

    public ActivationStats {
        if (units < 0 || rows < 0 || deadUnits < 0 || deadUnits > units || inactiveEntries < 0
                || inactiveEntries > (long) units * rows) {
            throw new IllegalArgumentException("inconsistent activation stats: " + units + " units, " + rows
                    + " rows, " + deadUnits + " dead, " + inactiveEntries + " inactive entries");
        }
    }

    /**
     * Counts over a {@code rows x cols} row-major block (row r at {@code r * cols}; only the first
     * {@code rows * cols} values are read). With no rows every unit counts as dead (inactive on
     * all of no rows) and {@link #activationSparsity()} is NaN.
     *
     * @throws IllegalArgumentException if the shape does not fit or a value is not finite
     */
    public static ActivationStats of(float[] rowMajor, int rows, int cols) {
        Args.matrix(rowMajor.length, rows, cols);
        // branch-free: ReLU activations are positive about half the time, which defeats prediction
        int[] activeRows = new int[cols];
        long active = 0;
        float check = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int j = 0; j < cols; j++) {
                float v = rowMajor[off + j];
                int on = v > 0 ? 1 : 0;
                activeRows[j] += on;
                active += on;
                check += v * 0f; // NaN once any value is NaN or infinite
            }
        }
        if (check != 0) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                Args.finite(rowMajor[i], "rowMajor", i);
            }
        }
        long inactive = (long) rows * cols - active;
        int dead = 0;
        for (int a : activeRows) {
            if (a == 0) {
                dead++;
            }
        }
        return new ActivationStats(cols, rows, dead, inactive);
    }

    /** Dead units over all units; NaN for a layer of no units. */
    public double deadUnitsRatio() {
        return units == 0 ? Double.NaN : (double) deadUnits / units;
    }

    /** The fraction of entries ≤ 0; NaN when there are none. */
    public double activationSparsity() {
        long n = (long) units * rows;
        return n == 0 ? Double.NaN : (double) inactiveEntries / n;
    }
}

package io.sgdscope.experiment;

/**
 * One (variant, seed) run's metric snapshots, oldest first: the step and samples of each, its
 * value of every column of {@link Curves#columns()} (NaN where absent), the sample indices of
 * the scenario's true shifts, and what its last snapshot held that is not a number ({@link RunEnd}).
 */
public record Curve(String variant, long seed, long[] steps, long[] samples, double[][] values, long[] shifts,
                    RunEnd end) {

    /** A curve with no end state (tests, tools). */
    public Curve(String variant, long seed, long[] steps, long[] samples, double[][] values, long[] shifts) {
        this(variant, seed, steps, samples, values, shifts, RunEnd.NONE);
    }

    public int rows() {
        return steps.length;
    }
}

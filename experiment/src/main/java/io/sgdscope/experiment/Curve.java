package io.sgdscope.experiment;

import java.util.List;

/**
 * One (variant, seed) run's metric snapshots, oldest first: the step and samples of each, its
 * value of every column of {@link Curves#columns()} (NaN where absent), and the sample indices of
 * the scenario's true shifts.
 */
public record Curve(String variant, long seed, long[] steps, long[] samples, double[][] values, long[] shifts) {

    public int rows() {
        return steps.length;
    }
}

package io.sgdscope.experiment;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every run of an experiment, sorted by variant name then seed (in file order), over one fixed list of
 * metric columns: what {@code curves.csv}, the plots and the expectations read.
 */
public record Curves(List<String> variants, List<Long> seeds, List<String> columns, List<Curve> runs) {

    public Curves {
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
        columns = List.copyOf(columns);
        runs = List.copyOf(runs);
    }

    public Curve run(String variant, long seed) {
        return runs.stream().filter(c -> c.variant().equals(variant) && c.seed() == seed).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no run of " + variant + " with seed " + seed));
    }

    /** The column of {@code metric}, or -1 if no run has it. */
    public int column(String metric) {
        return columns.indexOf(metric);
    }

    /** The runs of {@code variant}, in seed order. */
    public List<Curve> runsOf(String variant) {
        return runs.stream().filter(c -> c.variant().equals(variant)).toList();
    }

    /** {@code metric} in row {@code row} of {@code curve}; NaN if the metric or the row is absent. */
    public double value(Curve curve, int row, String metric) {
        int c = column(metric);
        if (c < 0 || row < 0 || row >= curve.rows()) {
            return Double.NaN;
        }
        return curve.values()[row][c];
    }

    /** For tests and tools: a curve set from rows of metric maps. */
    public static Curve curve(String variant, long seed, List<String> columns, long[] steps, long[] samples,
                              List<Map<String, Double>> rows, long[] shifts) {
        return curve(variant, seed, columns, steps, samples, rows, shifts, RunEnd.NONE);
    }

    /** A run's curve from rows of metric maps, with its end state. */
    public static Curve curve(String variant, long seed, List<String> columns, long[] steps, long[] samples,
                              List<Map<String, Double>> rows, long[] shifts, RunEnd end) {
        double[][] v = new double[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                v[r][c] = rows.get(r).getOrDefault(columns.get(c), Double.NaN);
            }
        }
        return new Curve(variant, seed, steps, samples, v, shifts, end);
    }
}

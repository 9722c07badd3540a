package io.sgdscope.launcher.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the trainer's cost grows with the number of variants and with the model's width, over one
 * pre-filled {@code samples.clean}, metrics off: variants 1, 2, 4 and 8 of {@code linear:D-2}
 * (whose step is so cheap that what the variants share dominates) and of {@code mlp:D-128-2}, and
 * one variant of {@code mlp:D-H-2} for H from 64 to 1,024. Every point runs once per round, in a
 * fixed order, for {@code repeats} rounds, so drift in the machine hits all points alike; each
 * row reports its median. Ratios are within one run of the bench, never across runs.
 */
public final class TrainerScaling {

    public static final List<Integer> VARIANTS = List.of(1, 2, 4, 8);
    public static final List<Integer> HIDDEN = List.of(64, 128, 256, 512, 1024);
    /** The hidden width of the mlp in the variants table. */
    static final int VARIANTS_HIDDEN = 128;

    /** One trainer run: {@code variants} variants of {@code model}. */
    record Point(String model, int variants) {
    }

    /** Measures a point: samples per second of the trainer. */
    @FunctionalInterface
    public interface Trainer {
        double samplesPerSecond(String model, int variants) throws Exception;
    }

    private final int dimension;
    private final Trainer trainer;

    public TrainerScaling(int dimension, Trainer trainer) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.trainer = trainer;
    }

    String linear() {
        return "linear:" + dimension + "-2";
    }

    String mlp(int hidden) {
        return "mlp:" + dimension + "-" + hidden + "-2";
    }

    /** The points of both tables, each once (the variants table's 1-variant mlp is also a width), in run order. */
    Set<Point> points() {
        Set<Point> points = new LinkedHashSet<>();
        for (String model : List.of(linear(), mlp(VARIANTS_HIDDEN))) {
            VARIANTS.forEach(n -> points.add(new Point(model, n)));
        }
        HIDDEN.forEach(h -> points.add(new Point(mlp(h), 1)));
        return points;
    }

    /**
     * Warms up (if asked) with one run of each family's 1-variant point, measures, prints both
     * tables and returns them for the JSON report.
     */
    public Map<String, Object> run(int repeats, boolean warmup, PrintWriter console) throws Exception {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        Set<Point> points = points();
        console.printf("[trainer-scaling] trainer, metrics off: %d points, %d round(s) in a fixed order%s, medians%n",
                points.size(), repeats, warmup ? " after a warm-up run of each family" : "");
        console.flush();
        if (warmup) {
            trainer.samplesPerSecond(linear(), 1);
            trainer.samplesPerSecond(mlp(VARIANTS_HIDDEN), 1);
        }
        Map<Point, double[]> runs = new LinkedHashMap<>();
        points.forEach(p -> runs.put(p, new double[repeats]));
        for (int r = 0; r < repeats; r++) {
            for (Point p : points) {
                runs.get(p)[r] = trainer.samplesPerSecond(p.model(), p.variants());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repeats", repeats);
        json.put("variants", variantsTable(runs, console));
        json.put("width", widthTable(runs, console));
        console.flush();
        return json;
    }

    private List<Map<String, Object>> variantsTable(Map<Point, double[]> runs, PrintWriter console) {
        console.printf("  %-16s %8s %12s %15s %12s %17s%n", "model", "variants", "samples/s", "model steps/s",
                "per-variant", "model-step ratio");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String model : List.of(linear(), mlp(VARIANTS_HIDDEN))) {
            double one = Comparison.median(runs.get(new Point(model, 1)));
            for (int n : VARIANTS) {
                double[] r = runs.get(new Point(model, n));
                double rate = Comparison.median(r);
                // per variant: samples/s with n against 1; in model steps the same times n
                double perVariant = rate / one;
                console.printf("  %-16s %8d %,12.0f %,15.0f %12.3f %17.3f%n", model, n, rate, rate * n, perVariant,
                        perVariant * n);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", model);
                row.put("variants", n);
                row.put("samplesPerSecondRuns", r);
                row.put("samplesPerSecond", rate);
                row.put("modelStepsPerSecond", rate * n);
                row.put("perVariantRatio", perVariant);
                row.put("modelStepRatio", perVariant * n);
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Map<String, Object>> widthTable(Map<Point, double[]> runs, PrintWriter console) {
        int base = HIDDEN.get(0);
        console.printf("  %-16s %8s %12s %22s %12s%n", "model", "hidden", "samples/s", "cost/sample vs H=" + base,
                "ideal H/" + base);
        double baseRate = Comparison.median(runs.get(new Point(mlp(base), 1)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int h : HIDDEN) {
            double[] r = runs.get(new Point(mlp(h), 1));
            double rate = Comparison.median(r);
            // a sample's cost is the inverse of the rate; the step's arithmetic grows as H
            double cost = baseRate / rate;
            double ideal = (double) h / base;
            console.printf("  %-16s %8d %,12.0f %22.2f %12.1f%n", mlp(h), h, rate, cost, ideal);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", mlp(h));
            row.put("hidden", h);
            row.put("samplesPerSecondRuns", r);
            row.put("samplesPerSecond", rate);
            row.put("costPerSampleVsBase", cost);
            row.put("idealCostVsBase", ideal);
            rows.add(row);
        }
        return rows;
    }
}

package io.sgdscope.launcher.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A candidate's throughput against a baseline measured in the same run, on the same broker:
 * the machine is noisy, so only the ratio means much. Runs alternate, so drift in the machine
 * hits both alike, and the medians are compared.
 */
public record Comparison(String name, String baselineLabel, Measurement baseline,
                         String candidateLabel, Measurement candidate, PerUnit perUnit) {

    /** A comparison whose ratio is read as it is. */
    public Comparison(String name, String baselineLabel, Measurement baseline, String candidateLabel,
                      Measurement candidate) {
        this(name, baselineLabel, baseline, candidateLabel, candidate, null);
    }

    /**
     * The candidate counts {@code units} of the baseline's units per item (e.g. the model steps
     * of n variants per sample), so the ratio is also reported divided by them, as {@code label}.
     */
    public record PerUnit(String label, int units) {
        public PerUnit {
            if (units < 1) {
                throw new IllegalArgumentException("units must be >= 1, got " + units);
            }
        }
    }

    /** Samples (or records) per second over a run of n. */
    @FunctionalInterface
    public interface Measurement {
        double perSecond(int n) throws Exception;
    }

    /** Warms both up, measures them alternately and returns the figures for the report. */
    public Map<String, Object> run(int samples, int warmup, int repeats, PrintWriter console) throws Exception {
        console.printf("[%s] %s vs %s%n", name, candidateLabel, baselineLabel);
        if (warmup > 0) {
            baseline.perSecond(warmup);
            candidate.perSecond(warmup);
        }
        double[] base = new double[repeats];
        double[] cand = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            base[i] = baseline.perSecond(samples);
            cand[i] = candidate.perSecond(samples);
            console.printf("  run %d: %s %,.0f/s, %s %,.0f/s%n", i + 1, baselineLabel, base[i], candidateLabel, cand[i]);
        }
        double b = median(base);
        double c = median(cand);
        console.printf("  median: %s %,.0f/s, %s %,.0f/s, ratio %.3f", baselineLabel, b, candidateLabel, c, c / b);
        if (perUnit != null) {
            console.printf(", %s %.3f", perUnit.label(), c / b / perUnit.units());
        }
        console.println();
        console.flush();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", baselineLabel);
        json.put("candidate", candidateLabel);
        json.put("baselineRuns", base);
        json.put("candidateRuns", cand);
        json.put("baselinePerSecond", b);
        json.put("candidatePerSecond", c);
        json.put("ratio", c / b);
        if (perUnit != null) {
            json.put("ratioPerUnit", c / b / perUnit.units());
            json.put("perUnit", perUnit.label());
        }
        return json;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

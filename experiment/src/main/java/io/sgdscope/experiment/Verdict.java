package io.sgdscope.experiment;

import java.util.List;

/**
 * The judgement of one expectation: PASS or FAIL, why, and each side as measured.
 *
 * @param reason empty on a pass; else what failed ("no value" when a side is NaN)
 */
public record Verdict(Expectation expectation, boolean pass, String reason, List<Measured> measured) {

    public Verdict {
        measured = List.copyOf(measured);
    }

    /** One side over the seeds: its label, the value per seed (in seed order), their mean and sample sd. */
    public record Measured(String label, double[] perSeed, double mean, double sd) {

        public static Measured of(String label, double[] perSeed) {
            double sum = 0;
            for (double v : perSeed) {
                sum += v;
            }
            double mean = sum / perSeed.length;
            double ss = 0;
            for (double v : perSeed) {
                ss += (v - mean) * (v - mean);
            }
            double sd = perSeed.length > 1 ? Math.sqrt(ss / (perSeed.length - 1)) : 0;
            return new Measured(label, perSeed.clone(), mean, sd);
        }

        public boolean hasValue() {
            return !Double.isNaN(mean);
        }

        @Override
        public String toString() {
            return label + " = " + Format.short4(mean) + " ± " + Format.short4(sd);
        }
    }
}

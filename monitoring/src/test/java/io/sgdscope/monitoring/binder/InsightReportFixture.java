package io.sgdscope.monitoring.binder;

import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.SpectralDensity;
import java.util.List;

/** A two-layer model's report with distinct values, so a test can tell which field a meter reads. */
public final class InsightReportFixture {
    /** Layer 0's spectrum: α 2.7, weighted α 4.4, 2 outliers. */
    static final SpectralDensity SPECTRUM = new SpectralDensity(new double[] {1, 10, 100}, new int[] {40, 24},
            new double[] {30, 20}, 2.7, 2, 0.05, 50, 42.66, 4.4, 0.01, 52.4, 2);

    private InsightReportFixture() {
    }

    public static InsightReport report() {
        return new InsightReport("sam", "teacher", 1000, 1000, 1_700_000_000_000L, 0.012, 512, 0.1,
                List.of(new InsightReport.LayerInsight(0, "dense", 64, 128, 12.5, 40.1, 64, 3.2, 2.7, 0.21, 0.01,
                        17, 0.05, 0.48, 1.5, 0.25, 3.5, 0.002, SPECTRUM),
                        new InsightReport.LayerInsight(1, "dense", 128, 1, 1, 1, 1, 2.0, Double.NaN,
                        0.3, 0, Double.NaN, Double.NaN, Double.NaN, 0.75, 0.125, 8.5, 0.004, null)),
                new InsightReport.MarginStats(-0.5, 0.1, 2.3, 0.02), InsightReport.MarginStats.NONE, 4.2,
                17.5, 0.875, 6, 0.3, 0.05, 33.3, 0.001, 120.0, Double.NaN, Double.NaN, Double.NaN, 0.12, 25,
                io.sgdscope.trainer.holdout.HoldoutScore.NONE, io.sgdscope.trainer.eval.ClassificationScores.NONE,
                42.0, 1.5, 4, 7.7, 0.9, 0.6);
    }
}

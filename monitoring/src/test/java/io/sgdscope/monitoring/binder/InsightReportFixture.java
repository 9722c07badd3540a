package io.sgdscope.monitoring.binder;

import io.sgdscope.trainer.insight.InsightReport;
import java.util.List;

/** A two-layer model's report with distinct values, so a test can tell which field a meter reads. */
final class InsightReportFixture {
    private InsightReportFixture() {
    }

    static InsightReport report() {
        return new InsightReport("sam", "teacher", 1000, 1000, 1_700_000_000_000L, 0.012, 512, 0.1,
                List.of(new InsightReport.LayerInsight(0, "dense", 64, 128, 12.5, 40.1, 64, 3.2, 2.7, 0.21, 0.01,
                        17, 0.05, 0.48), new InsightReport.LayerInsight(1, "dense", 128, 1, 1, 1, 1, 2.0, Double.NaN,
                        0.3, 0, Double.NaN, Double.NaN, Double.NaN)),
                new InsightReport.MarginStats(-0.5, 0.1, 2.3, 0.02), InsightReport.MarginStats.NONE, 4.2,
                17.5, 0.875, 6, 0.3, 0.05, 33.3, 0.001, 120.0, Double.NaN, Double.NaN, Double.NaN, 0.12, 25);
    }
}

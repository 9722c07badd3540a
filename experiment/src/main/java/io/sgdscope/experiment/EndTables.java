package io.sgdscope.experiment;

import io.sgdscope.trainer.eval.ConfusionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's per-variant values at the end of the runs: the measured-values table (mean ± sd
 * over seeds of the last snapshot's scores, with held-out accuracy and loss when a held-out set is
 * configured) and the confusion matrices pooled over the seeds.
 */
final class EndTables {

    /** The scores in the measured-values table, when some run has a value. */
    static final List<String> MEASURED = List.of("accuracy", "loss", "accuracy.clean", "holdout.accuracy",
            "holdout.loss", "classification.kappa", "classification.macro-f1", "hessian-trace",
            "distance-from-init");

    private EndTables() {
    }

    /** The columns of {@link #MEASURED} that some run has a finite value of at its end. */
    static List<String> measuredColumns(Curves curves) {
        List<String> out = new ArrayList<>();
        for (String metric : MEASURED) {
            boolean any = curves.runs().stream().anyMatch(c -> Double.isFinite(curves.value(c, c.rows() - 1, metric)));
            if (any) {
                out.add(metric);
            }
        }
        return out;
    }

    /** {@code metric} at the last snapshot of each seed's run of {@code variant}, as mean ± sd (NaN seeds left out). */
    static String atEnd(Curves curves, String variant, String metric) {
        List<Double> values = new ArrayList<>();
        for (Curve c : curves.runsOf(variant)) {
            double v = curves.value(c, c.rows() - 1, metric);
            if (Double.isFinite(v)) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return "–";
        }
        Verdict.Measured m = Verdict.Measured.of(metric, values.stream().mapToDouble(Double::doubleValue).toArray());
        return Format.short4(m.mean()) + " ± " + Format.short4(m.sd());
    }

    /**
     * The seeds' end matrices of one kind summed cell by cell. Every seed's window holds the same
     * number of samples, so a cell's share of the pooled total is the mean of its shares over the
     * seeds. Seeds whose (reduced) class list differs from the first seed's are left out; EMPTY if
     * no seed has one.
     */
    static Pooled pooled(List<ConfusionMatrix> perSeed) {
        ConfusionMatrix first = perSeed.stream().filter(m -> m.total() > 0).findFirst().orElse(null);
        if (first == null) {
            return new Pooled(ConfusionMatrix.EMPTY, 0, perSeed.size());
        }
        int k = first.size();
        long[][] sum = new long[k][k];
        int used = 0;
        for (ConfusionMatrix m : perSeed) {
            if (m.total() == 0 || !m.classes().equals(first.classes())) {
                continue;
            }
            used++;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    sum[i][j] += m.count(i, j);
                }
            }
        }
        return new Pooled(new ConfusionMatrix(first.classes(), sum), used, perSeed.size());
    }

    /** A matrix pooled over {@code used} of {@code seeds} seeds. */
    record Pooled(ConfusionMatrix matrix, int used, int seeds) {

        boolean isEmpty() {
            return matrix.total() == 0;
        }

        /** The sum of the off-diagonal shares: the fraction of the window predicted as another class. */
        double offDiagonal() {
            return 1 - matrix.accuracy();
        }

        String caption(String against) {
            return String.format(Locale.ROOT, "against the %s labels, pooled over %d of %d seeds "
                    + "(off-diagonal share %.3f)", against, used, seeds, offDiagonal());
        }

        /** The matrix as an HTML table of shares, each cell shaded by its share of its row. */
        String html() {
            ConfusionMatrix m = matrix;
            long n = m.total();
            StringBuilder b = new StringBuilder("<table class=\"confusion\"><tr><th>actual \\ predicted</th>");
            m.classes().forEach(c -> b.append("<th>").append(Reports.esc(c)).append("</th>"));
            b.append("<th>n</th></tr>\n");
            for (int i = 0; i < m.size(); i++) {
                long row = m.rowTotal(i);
                b.append("<tr><th>").append(Reports.esc(m.classes().get(i))).append("</th>");
                for (int j = 0; j < m.size(); j++) {
                    double rowShare = row == 0 ? 0 : (double) m.count(i, j) / row;
                    int shade = 255 - (int) Math.round(rowShare * 160);
                    b.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,255)\">%.3f</td>", shade,
                            shade, (double) m.count(i, j) / n));
                }
                b.append("<td>").append(row).append("</td></tr>\n");
            }
            return b.append("</table>\n").toString();
        }
    }
}

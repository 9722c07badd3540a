package io.sgdscope.experiment;

import io.sgdscope.trainer.insight.SpectralDensity;
import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * WeightWatcher's plot of one layer at the end of a variant's runs: the empirical spectral density
 * (eigenvalues of WᵀW per log-spaced bin, as bars, one translucent colour per seed) on log-log
 * axes, the fitted power law's expected counts per bin as a dashed line, and the Marchenko–Pastur
 * bulk edge as a dotted marker; the subtitle gives α, weighted α and the outlier count as mean ± sd
 * over the seeds. Each seed keeps its own bins (they span its own eigenvalues), so the seeds are
 * overlaid rather than averaged.
 */
final class SpectrumPlots {

    /** The floor of the bars on the log count axis: below one eigenvalue. */
    private static final double FLOOR = 0.5;

    private SpectrumPlots() {
    }

    static String name(String variant, int layer) {
        return "spectrum-" + variant + "-layer" + layer;
    }

    static JFreeChart chart(String experiment, String variant, int layer, List<Curve> runs) {
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYSeriesCollection fits = new XYSeriesCollection();
        List<Double> edges = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        long step = -1;
        for (Curve run : runs) {
            SpectralDensity d = run.end().spectrum(layer);
            if (d == null) {
                continue;
            }
            step = Math.max(step, run.end().step());
            String seed = "seed " + run.seed();
            XYIntervalSeries hist = new XYIntervalSeries(seed);
            XYSeries fit = new XYSeries(seed + " power law", false);
            double[] e = d.edges();
            int[] counts = d.counts();
            double[] fitted = d.fitCounts();
            for (int b = 0; b < counts.length; b++) {
                double centre = Math.sqrt(e[b] * e[b + 1]);
                if (counts[b] > 0) {
                    hist.add(centre, e[b], e[b + 1], counts[b], FLOOR, counts[b]);
                }
                if (b < fitted.length && fitted[b] > FLOOR) {
                    fit.add(centre, fitted[b]);
                }
            }
            bars.addSeries(hist);
            fits.addSeries(fit);
            edges.add(d.mpEdge());
            stats.add(new double[] {d.alpha(), d.alphaWeighted(), d.outliers()});
        }
        LogAxis x = new LogAxis("eigenvalue λ = σ² of WᵀW");
        x.setSmallestValue(1e-12);
        x.setNumberFormatOverride(new DecimalFormat("0.###E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        LogAxis y = new LogAxis("eigenvalues per bin");
        y.setSmallestValue(FLOOR);
        y.setNumberFormatOverride(new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setUseYInterval(true);
        barRenderer.setShadowVisible(false);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < bars.getSeriesCount(); i++) {
            Color c = Plots.color(i);
            barRenderer.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            lineRenderer.setSeriesPaint(i, c.darker());
            lineRenderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        XYPlot plot = new XYPlot(bars, x, y, barRenderer);
        plot.setDataset(1, fits);
        plot.setRenderer(1, lineRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < edges.size(); i++) {
            if (Double.isFinite(edges.get(i)) && edges.get(i) > 0) {
                ValueMarker m = new ValueMarker(edges.get(i), Plots.color(i), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                if (i == 0) {
                    m.setLabel("MP edge");
                    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                    m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                }
                plot.addDomainMarker(m);
            }
        }
        JFreeChart chart = new JFreeChart(experiment + ": " + variant + ", layer " + layer + " spectral density"
                + (step >= 0 ? " at step " + step : ""), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(summary(stats)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** α, weighted α and MP outliers as mean ± sd over the seeds that have a spectrum. */
    static String summary(List<double[]> stats) {
        String[] names = {"α", "weighted α", "MP outliers"};
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            double[] v = new double[stats.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = stats.get(i)[k];
            }
            Verdict.Measured m = Verdict.Measured.of(names[k], v);
            parts.add(v.length == 0 ? names[k] + " = NaN" : m.toString());
        }
        return String.join(", ", parts) + String.format(Locale.ROOT, " (%d seeds)", stats.size());
    }
}

package io.sgdscope.experiment;

import io.sgdscope.experiment.Expectation.Compare;
import io.sgdscope.experiment.Expectation.First;
import io.sgdscope.experiment.Expectation.Point;
import io.sgdscope.experiment.Expectation.Ref;
import io.sgdscope.experiment.Expectation.Trend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * One chart per metric an expectation names, plus {@code accuracy} and {@code loss}: per variant a
 * line of the mean over seeds with a band from the seeds' minimum to their maximum, against the
 * step, and the scenario's true shifts as dashed vertical markers; and per variant and dense layer
 * the spectral density at the end ({@link SpectrumPlots}). Drawn by JFreeChart, written as PNG and
 * (through JFreeSVG) SVG.
 */
public final class Plots {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** A written plot: its metric, its PNG and SVG files, and the SVG element for inlining in HTML. */
    public record Plot(String metric, Path png, Path svg, String svgElement) {
    }

    private Plots() {
    }

    /** {@code accuracy}, {@code loss}, then every metric the expectations name, in order of appearance. */
    public static List<String> metrics(List<Expectation> expectations) {
        Set<String> out = new LinkedHashSet<>(List.of("accuracy", "loss"));
        for (Expectation e : expectations) {
            if (e instanceof Compare c) {
                for (Expectation.Side s : List.of(c.left(), c.right())) {
                    if (s instanceof Ref r) {
                        out.add(r.metric());
                    }
                }
                addCondition(c.at(), out);
            } else if (e instanceof Trend t) {
                out.add(t.metric());
                addCondition(t.from(), out);
                addCondition(t.to(), out);
            }
        }
        return List.copyOf(out);
    }

    private static void addCondition(Point p, Set<String> out) {
        if (p instanceof First f) {
            out.add(f.condition().metric());
        }
    }

    /**
     * The chart of {@code metric}: one series per variant (the mean over seeds, with the min..max
     * band), x = step; {@code shiftSteps} are drawn as markers.
     */
    public static JFreeChart chart(Curves curves, String metric, String title, List<Long> shiftSteps) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        int column = curves.column(metric);
        for (String variant : curves.variants()) {
            YIntervalSeries series = new YIntervalSeries(variant);
            // step -> the seeds' values at that step
            TreeMap<Long, List<Double>> byStep = new TreeMap<>();
            for (Curve c : curves.runs()) {
                if (!c.variant().equals(variant) || column < 0) {
                    continue;
                }
                for (int r = 0; r < c.rows(); r++) {
                    double v = c.values()[r][column];
                    if (Double.isFinite(v)) {
                        byStep.computeIfAbsent(c.steps()[r], k -> new ArrayList<>()).add(v);
                    }
                }
            }
            byStep.forEach((step, values) -> {
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                series.add(step, mean, min, max);
            });
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("step");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(metric);
        y.setAutoRangeIncludesZero(false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setAlpha(0.2f);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int k = 1;
        for (long step : shiftSteps) {
            ValueMarker m = new ValueMarker(step, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel("shift " + k++);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * The steps of the true shifts: a shift at sample index i comes at step i / batch size in a
     * stream; a replayed set has no shifts in time, so none are drawn.
     */
    static List<Long> shiftSteps(ExperimentResult result) {
        if (result.spec().data().mode() == ExperimentSpec.Mode.REPLAY || result.curves().runs().isEmpty()) {
            return List.of();
        }
        int batch = result.spec().data().effectiveBatchSize();
        List<Long> out = new ArrayList<>();
        for (long index : result.curves().runs().get(0).shifts()) {
            out.add(index / batch);
        }
        return out;
    }

    /** Writes {@code METRIC.png} and {@code METRIC.svg} into {@code dir} for each plotted metric. */
    public static List<Plot> write(ExperimentResult result, Path dir) {
        List<Long> shifts = shiftSteps(result);
        List<Plot> out = new ArrayList<>();
        for (String metric : metrics(result.spec().expectations())) {
            JFreeChart chart = chart(result.curves(), metric, result.spec().name() + ": " + metric, shifts);
            out.add(save(chart, metric, metric, dir));
        }
        return out;
    }

    /**
     * Writes {@code spectrum-VARIANT-layerN.png} and {@code .svg} into {@code dir}: for each variant
     * and each layer with a spectrum at the end, {@link SpectrumPlots#chart its density over the seeds}.
     */
    public static List<Plot> writeSpectra(ExperimentResult result, Path dir) {
        List<Plot> out = new ArrayList<>();
        Curves curves = result.curves();
        for (String variant : curves.variants()) {
            SortedSet<Integer> layers = new TreeSet<>();
            curves.runsOf(variant).forEach(c -> c.end().spectra().forEach(l -> layers.add(l.layer())));
            for (int layer : layers) {
                String name = SpectrumPlots.name(variant, layer);
                out.add(save(SpectrumPlots.chart(result.spec().name(), variant, layer, curves.runsOf(variant)),
                        name, variant + ": layer " + layer, dir));
            }
        }
        return out;
    }

    /** PNG and SVG of {@code chart} as {@code name.png} and {@code name.svg}; {@code label} is the plot's caption. */
    static Plot save(JFreeChart chart, String name, String label, Path dir) {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            // several plots share one HTML page: their clip and gradient ids must not collide
            g.setDefsKeyPrefix(name.replaceAll("[^A-Za-z0-9]", "_") + "_");
            chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            Files.writeString(svg, g.getSVGDocument(), StandardCharsets.UTF_8);
            return new Plot(label, png, svg, g.getSVGElement("plot-" + name.replaceAll("[^A-Za-z0-9-]", "-")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot of " + label + " into " + dir, e);
        }
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }
}

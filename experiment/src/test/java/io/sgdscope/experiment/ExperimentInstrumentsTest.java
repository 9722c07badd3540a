package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.eval.ClassificationScores;
import io.sgdscope.trainer.eval.ConfusionWindow;
import io.sgdscope.trainer.holdout.HoldoutScore;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.insight.SpectralDensity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-17 instruments in experiments: held-out scores, classification scores, curvature and
 * spectra become curves.csv columns by reflection, while confusion matrices and spectral
 * histograms (no fixed length) stay out of it and go to the report instead.
 */
class ExperimentInstrumentsTest {

    /** A two-layer classifier on flipped labels, with a held-out set of the same teacher. */
    static final String NOISY = """
            name: noisy
            title: Noisy
            claim: an MLP fits flipped labels
            citation: nobody
            scenario: noisy-labels
            scenario-overrides:
              source.dimension: 8
              producer.dimension: 8
              trainer.window: 100
              trainer.holdout.source: { type: teacher-linear, dimension: 8 }
              trainer.holdout.size: 200
            data: { mode: replay, samples: 100, epochs: 4 }
            model: mlp:8-16-2,act=relu
            variants:
              fast: { learning-rate: 0.05 }
              slow: { learning-rate: 0.01 }
            seeds: [1, 2]
            metrics: { every: 100, window: 100 }
            expect:
              - "fast: accuracy > slow: accuracy at end"
            """;

    @TempDir
    Path dir;

    ExperimentResult run(String yaml, int threads) throws Exception {
        Path f = dir.resolve("noisy.yaml");
        Files.writeString(f, yaml);
        return ExperimentOutputsTest.run(ExperimentParser.parse(f), threads);
    }

    @Test
    void theNewInstrumentsAreColumnsAndMetricNames() {
        List<String> columns = Metrics.columns(2);
        assertThat(columns).contains("holdout.accuracy", "holdout.loss", "classification.kappa",
                "classification.macro-f1", "classification.clean-kappa", "hessian-trace", "distance-from-init",
                "gradient-noise", "gradient-snr", "layer0.distance-from-init", "layer1.update-ratio",
                "layer0.spectrum.alpha", "layer0.spectrum.alpha-weighted", "layer0.spectrum.outliers");
        for (String name : List.of("holdout.accuracy", "hessian-trace", "layer3.spectrum.alpha-weighted",
                "classification.clean-macro-f1")) {
            assertThat(Metrics.isKnown(name)).as(name).isTrue();
        }
        // the step of a held-out score is bookkeeping, not a metric; matrices and histograms have no name
        assertThat(columns).noneMatch(c -> c.equals("holdout.step") || c.contains("observed") || c.contains("counts")
                || c.contains("edges") || c.contains("fit-counts") || c.startsWith("classification.clean."));
    }

    /**
     * A 12-class confusion window and a 20-eigenvalue spectrum flatten into exactly the columns of
     * the record types, as a 2-class model without a spectrum does: the column set does not grow with
     * classes or bins.
     */
    @Test
    void matricesAndHistogramsDoNotBecomeColumns() {
        ConfusionWindow w = new ConfusionWindow(12, 500);
        for (int i = 0; i < 500; i++) {
            w.update(i % 12, (i * 7) % 12, (i * 5) % 12);
        }
        double[] eigenvalues = new double[20];
        for (int i = 0; i < eigenvalues.length; i++) {
            eigenvalues[i] = Math.pow(i + 1, 1.5);
        }
        SpectralDensity spectrum = SpectralDensity.of(eigenvalues, 20, 40);
        assertThat(spectrum.counts().length).isGreaterThan(1);
        InsightReport big = report(ClassificationScores.of(w.counts()), spectrum);
        InsightReport small = report(ClassificationScores.NONE, null);
        io.sgdscope.trainer.eval.PrequentialSnapshot prequential = io.sgdscope.trainer.eval.PrequentialSnapshot.EMPTY;
        Map<String, Double> bigRow = Metrics.flatten(big, prequential);
        Map<String, Double> smallRow = Metrics.flatten(small, prequential);
        List<String> columns = Metrics.columns(1);
        assertThat(columns).containsAll(bigRow.keySet());
        assertThat(bigRow).hasSize(columns.size());
        // the spectrum's scalars are there, and NaN-free for the dense layer that has one
        assertThat(bigRow.get("layer0.spectrum.alpha-weighted")).isEqualTo(spectrum.alphaWeighted());
        assertThat(bigRow.get("classification.kappa")).isEqualTo(big.classification().kappa());
        assertThat(bigRow.get("holdout.accuracy")).isEqualTo(0.75);
        // a layer without a spectrum leaves those columns empty (absent in the row, NaN in the csv)
        assertThat(smallRow).doesNotContainKey("layer0.spectrum.alpha");
        assertThat(columns).containsAll(smallRow.keySet());
    }

    private static InsightReport report(ClassificationScores scores, SpectralDensity spectrum) {
        double nan = Double.NaN;
        InsightReport.LayerInsight layer = new InsightReport.LayerInsight(0, "dense", 40, 20, 1, 1, 1, 1, nan, nan,
                nan, nan, nan, nan, 0.5, 0.1, 2, 0.01, spectrum);
        return new InsightReport("m", "s", 10, 10, 0, 0, 5, 0.1, List.of(layer), InsightReport.MarginStats.NONE,
                InsightReport.MarginStats.NONE, nan, nan, nan, 0, nan, nan, 1, nan, nan, nan, nan, nan, nan, 0,
                new HoldoutScore(10, 100, 0.75, 0.5), scores, 3, 0.1, 4, 0.5, 0.2, 1.5);
    }

    @Test
    void curvesWithTheNewInstrumentsAreByteIdenticalAndBounded() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        Experiments.write(run(NOISY, 1), one);
        Experiments.write(run(NOISY, 2), two);
        byte[] a = Files.readAllBytes(one.resolve(CurvesCsv.FILE));
        assertThat(a).isEqualTo(Files.readAllBytes(two.resolve(CurvesCsv.FILE)));
        List<String> lines = new String(a, StandardCharsets.UTF_8).lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        // variant, seed, step, samples, then exactly the columns of a two-layer model
        assertThat(header.subList(4, header.size())).isEqualTo(Metrics.columns(2));
        for (String line : lines) {
            assertThat(line.split(",", -1)).hasSize(header.size());
        }
        // held-out accuracy is scored at every snapshot, on 200 samples of the job's own teacher
        int holdout = header.indexOf("holdout.accuracy");
        int trace = header.indexOf("hessian-trace");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(Double.parseDouble(cells[holdout])).as(line).isBetween(0.0, 1.0);
            assertThat(cells[trace]).as("hessian-trace in " + line).isNotEmpty();
            assertThat(cells[header.indexOf("holdout.size")]).isEqualTo("200");
        }
    }

    @Test
    void theReportHasTheConfusionMatricesTheSpectrumPlotsAndTheHeldOutScores() throws Exception {
        ExperimentResult r = run(NOISY, 2);
        Experiments.write(r, dir);
        String md = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(md).contains("## Measured at the end", "`holdout.accuracy`", "`classification.kappa`",
                "## fast at the end", "## slow at the end",
                "Confusion matrix against the observed labels, pooled over 2 of 2 seeds",
                "Confusion matrix against the clean labels, pooled over 2 of 2 seeds",
                "| actual \\ predicted | 0 | 1 | n |",
                "![fast: layer 0 spectral density](spectrum-fast-layer0.png)",
                "![slow: layer 1 spectral density](spectrum-slow-layer1.png)");
        // the pooled window is 2 seeds x 100 samples
        Curve fast1 = r.curves().run("fast", 1);
        Curve fast2 = r.curves().run("fast", 2);
        assertThat(fast1.end().observed().total() + fast2.end().observed().total()).isEqualTo(200);
        List<EndTables.Pooled> pooled = Reports.confusion(r.curves(), "fast");
        assertThat(pooled).hasSize(2);
        assertThat(pooled.get(0).matrix().total()).isEqualTo(200);
        assertThat(pooled.get(0).matrix().count(0, 1)).isEqualTo(fast1.end().observed().count(0, 1)
                + fast2.end().observed().count(0, 1));
        // against the clean labels the matrix differs: some labels were flipped
        assertThat(pooled.get(1).matrix()).isNotEqualTo(pooled.get(0).matrix());

        for (String variant : List.of("fast", "slow")) {
            for (int layer = 0; layer < 2; layer++) {
                Path png = dir.resolve(SpectrumPlots.name(variant, layer) + ".png");
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
                assertThat(img).as(png.toString()).isNotNull();
                assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
                assertThat(Files.readString(dir.resolve(SpectrumPlots.name(variant, layer) + ".svg")))
                        .startsWith("<?xml").contains("<svg");
            }
        }
        String html = Files.readString(dir.resolve(Reports.HTML));
        assertThat(html).contains("<table class=\"confusion\">", "id='plot-spectrum-fast-layer0'",
                "<h2>Measured at the end</h2>");
    }

    @Test
    void theSpectrumChartOverlaysEverySeedsHistogramAndFit() throws Exception {
        ExperimentResult r = run(NOISY, 2);
        List<Curve> runs = r.curves().runsOf("fast");
        XYPlot plot = SpectrumPlots.chart("noisy", "fast", 0, runs).getXYPlot();
        assertThat(plot.getDataset(0).getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset(1).getSeriesCount()).isEqualTo(2);
        SpectralDensity d = runs.get(0).end().spectrum(0);
        long nonEmptyBins = Arrays.stream(d.counts()).filter(c -> c > 0).count();
        assertThat(plot.getDataset(0).getItemCount(0)).isEqualTo((int) nonEmptyBins);
        // the bars stand on the bin edges at the bin's count
        var bars = (org.jfree.data.xy.XYIntervalSeriesCollection) plot.getDataset(0);
        int first = 0;
        while (d.counts()[first] == 0) {
            first++;
        }
        assertThat(bars.getStartXValue(0, 0)).isEqualTo(d.edges()[first]);
        assertThat(bars.getEndXValue(0, 0)).isEqualTo(d.edges()[first + 1]);
        assertThat(bars.getYValue(0, 0)).isEqualTo(d.counts()[first]);
        var chart = SpectrumPlots.chart("noisy", "fast", 0, runs);
        List<String> subtitles = new java.util.ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                subtitles.add(t.getText());
            }
        }
        assertThat(subtitles).anySatisfy(t -> assertThat(t).startsWith("α = ").endsWith("(2 seeds)"));
    }
}

package io.sgdscope.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny experiment's outputs: reproducible curves, plots, reports, and a wrong expectation that fails. */
class ExperimentOutputsTest {

    static final String TINY = """
            name: tiny
            title: Tiny
            claim: a larger step fits a separable teacher sooner
            citation: nobody
            scenario: default
            scenario-overrides: { producer.dimension: 8 }
            data: { mode: stream, samples: 600 }
            model: linear:8-2
            variants:
              fast: { learning-rate: 0.1 }
              slow: { learning-rate: 0.0005 }
            seeds: [7, 8]
            metrics: { every: 100, window: 64 }
            expect:
              - "fast: accuracy > slow: accuracy at end"
              - "fast: accuracy < slow: accuracy at end"
            """;

    @TempDir
    Path dir;

    ExperimentSpec tiny(String yaml) throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, yaml);
        return ExperimentParser.parse(f);
    }

    static ExperimentResult run(ExperimentSpec spec, int threads) {
        return Experiments.run(spec, new ExperimentRunner(TestScenarios.INSTANCE, threads, Progress.NONE));
    }

    @Test
    void curvesAreByteIdenticalAcrossRunsAndThreadCounts() throws Exception {
        ExperimentSpec spec = tiny(TINY);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        Experiments.write(run(spec, 1), one);
        Experiments.write(run(spec, 2), two);
        byte[] a = Files.readAllBytes(one.resolve(CurvesCsv.FILE));
        byte[] b = Files.readAllBytes(two.resolve(CurvesCsv.FILE));
        assertThat(a).isEqualTo(b);
        List<String> lines = new String(a, StandardCharsets.UTF_8).lines().toList();
        // 2 variants x 2 seeds x 6 snapshots, sorted by variant then seed
        assertThat(lines).hasSize(1 + 24);
        assertThat(lines.get(1)).startsWith("fast,7,100,100,");
        assertThat(lines.get(24)).startsWith("slow,8,600,600,");
        // the seeds give different data: the runs differ
        assertThat(lines.get(6).substring(lines.get(6).indexOf(",600,")))
                .isNotEqualTo(lines.get(12).substring(lines.get(12).indexOf(",600,")));
    }

    @Test
    void aWrongExpectationFailsAndTheRightOnePasses() throws Exception {
        ExperimentResult r = run(tiny(TINY), 2);
        assertThat(r.verdicts()).extracting(Verdict::pass).containsExactly(true, false);
        assertThat(r.exitCode()).isEqualTo(ExperimentResult.EXIT_FAIL);
        Experiments.write(r, dir);
        String md = Files.readString(dir.resolve(Reports.MARKDOWN));
        assertThat(md).contains("**Claim.** a larger step", "**Citation.** nobody", "FAIL", "PASS",
                "fast: accuracy at end = ", "![accuracy](accuracy.png)");
        String html = Files.readString(dir.resolve(Reports.HTML));
        assertThat(html).contains("<svg", "fast: accuracy &gt; slow: accuracy at end", "class=\"FAIL\"");
    }

    @Test
    void plotsAreValidPngAndSvgWithOneSeriesPerVariant() throws Exception {
        ExperimentResult r = run(tiny(TINY), 2);
        List<Plots.Plot> plots = Plots.write(r, Files.createDirectories(dir.resolve("plots")));
        assertThat(plots).extracting(Plots.Plot::metric).containsExactly("accuracy", "loss");
        for (Plots.Plot p : plots) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(p.png())));
            assertThat(img).as("PNG of " + p.metric()).isNotNull();
            assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
            String svg = Files.readString(p.svg());
            assertThat(svg).startsWith("<?xml").contains("<svg").endsWith("</svg>\n");
        }
        JFreeChart chart = Plots.chart(r.curves(), "accuracy", "t", List.of(300L));
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset().getSeriesKey(0)).isEqualTo("fast");
        assertThat(plot.getDataset().getItemCount(0)).isEqualTo(6);
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
        // the mean line lies within the band of the seeds
        var data = (org.jfree.data.xy.YIntervalSeriesCollection) plot.getDataset();
        for (int i = 0; i < data.getItemCount(1); i++) {
            assertThat(data.getYValue(1, i)).isBetween(data.getStartYValue(1, i), data.getEndYValue(1, i));
        }
    }

    @Test
    void fullBatchReplayTakesOneStepPerEpoch() throws Exception {
        ExperimentSpec spec = tiny(TINY.replace("{ mode: stream, samples: 600 }",
                "{ mode: replay, samples: 64, epochs: 20, batch-size: full }").replace("every: 100", "every: 5"));
        ExperimentResult r = run(spec, 2);
        Curve c = r.curves().run("fast", 7);
        assertThat(c.steps()).containsExactly(5, 10, 15, 20);
        assertThat(c.samples()).containsExactly(5 * 64, 10 * 64, 15 * 64, 20 * 64);
        assertThat(r.curves().value(c, 3, Metrics.EOS_EDGE)).isCloseTo(2 / 0.1, org.assertj.core.data.Offset
                .offset(1e-9));
    }

    @Test
    void fileModeReadsTheScenariosFileSourceToItsEnd() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            double x1 = rnd.nextGaussian();
            double x2 = rnd.nextGaussian();
            csv.append(x1).append(',').append(x2).append(',').append(x1 > 0 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv);
        Path scenario = Files.writeString(dir.resolve("csv-scenario.yaml"), "source: { type: csv, path: \""
                + data + "\" }\nproducer: { stream: csv, dimension: 2 }\n");
        ExperimentSpec spec = tiny(TINY.replace("scenario: default", "scenario: " + scenario)
                .replace("scenario-overrides: { producer.dimension: 8 }\n", "")
                .replace("{ mode: stream, samples: 600 }", "{ mode: file, samples: 0 }")
                .replace("linear:8-2", "linear:2-2"));
        ExperimentResult r = run(spec, 1);
        Curve c = r.curves().run("fast", 7);
        assertThat(c.steps()).containsExactly(100, 200, 300);
        // every seed reads the whole file once (the seed still changes the model's initial weights)
        assertThat(r.curves().run("slow", 8).samples()).containsExactly(100, 200, 300);
    }
}

package io.sgdscope.experiment;

import io.sgdscope.experiment.Expectation.Compare;
import io.sgdscope.experiment.Expectation.Trend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code report.md} and {@code report.html}: the claim and its citation, the setup, and per
 * expectation the predicted direction, each side's mean ± sd over seeds and the verdict; the
 * values measured at the end per variant (with held-out scores when a held-out set is configured);
 * then the plots (linked PNGs in the Markdown, inline SVG in the HTML), and per variant the
 * confusion matrices at the end (against the observed labels, and the clean ones when the scenario
 * flips labels) and each layer's spectral density plot.
 */
public final class Reports {

    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private Reports() {
    }

    /** What the expectation predicts, in words. */
    static String predicted(Expectation e) {
        if (e instanceof Compare c) {
            String rel = switch (c.op()) {
                case LT -> "below";
                case LE -> "at most";
                case GT -> "above";
                case GE -> "at least";
            };
            return c.left() + " " + rel + " " + c.right() + " " + ExpectationEvaluator.where(c.at())
                    + (c.everySeed() ? ", in every seed" : "");
        }
        Trend t = (Trend) e;
        return (t.variant() == null ? "every variant's " : t.variant() + "'s ") + t.metric() + " "
                + (t.rises() ? "higher" : "lower") + " " + ExpectationEvaluator.where(t.to()) + " than "
                + ExpectationEvaluator.where(t.from())
                + (t.everySeed() ? ", in every seed" : "");
    }

    private static String measured(Verdict v) {
        return v.measured().stream().map(Verdict.Measured::toString).collect(Collectors.joining("; "));
    }

    private static String verdict(Verdict v) {
        return v.pass() ? "PASS" : "FAIL (" + v.reason() + ")";
    }

    static String markdown(ExperimentResult r, List<Plots.Plot> plots) {
        return markdown(r, plots, List.of());
    }

    static String markdown(ExperimentResult r, List<Plots.Plot> plots, List<Plots.Plot> spectra) {
        ExperimentSpec s = r.spec();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(s.title()).append("\n\n");
        b.append("**Claim.** ").append(s.claim()).append("\n\n");
        b.append("**Citation.** ").append(s.citation()).append("\n\n");
        b.append("**Verdict.** ").append(r.passed() ? "PASS" : "FAIL").append(": ")
                .append(r.verdicts().stream().filter(Verdict::pass).count()).append(" of ")
                .append(r.verdicts().size()).append(" expectations hold.\n\n");
        b.append("## Setup\n\n");
        setup(s, r).forEach(row -> b.append("- ").append(row).append('\n'));
        b.append("\n## Expectations\n\n");
        b.append("| # | expectation | predicted | measured (mean ± sd over seeds) | verdict |\n")
                .append("|---|---|---|---|---|\n");
        int i = 1;
        for (Verdict v : r.verdicts()) {
            b.append("| ").append(i++).append(" | `").append(v.expectation().text()).append("` | ")
                    .append(cell(predicted(v.expectation()))).append(" | ").append(cell(measured(v))).append(" | ")
                    .append(cell(verdict(v))).append(" |\n");
        }
        measuredMarkdown(r.curves(), b);
        b.append("\n## Plots\n\nMean over seeds, band from the seeds' minimum to maximum; dashed lines are the "
                + "scenario's true shifts.\n\n");
        for (Plots.Plot p : plots) {
            b.append("![").append(p.metric()).append("](").append(p.png().getFileName()).append(")\n\n");
        }
        endsMarkdown(r.curves(), spectra, b);
        b.append("Curves: [curves.csv](curves.csv).\n");
        return b.toString();
    }

    private static List<String> setup(ExperimentSpec s, ExperimentResult r) {
        String data = s.data().mode().name().toLowerCase(Locale.ROOT) + ", " + s.data().samples() + " samples"
                + (s.data().mode() == ExperimentSpec.Mode.REPLAY ? ", " + s.data().epochs() + " epochs" : "")
                + ", batch " + (s.data().fullBatch() ? "full" : Integer.toString(s.data().batchSize()));
        String variants = s.variants().entrySet().stream()
                .map(e -> e.getKey() + " (" + (e.getValue().isEmpty() ? "base settings" : e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        return List.of(
                "experiment `" + s.name() + "` from " + s.origin(),
                "scenario `" + s.scenario() + "`" + (s.scenarioOverrides().isEmpty() ? ""
                        : " with " + new java.util.TreeMap<>(s.scenarioOverrides())),
                "data: " + data,
                "model `" + s.model() + "`",
                "variants: " + variants,
                "seeds: " + s.seeds(),
                "metrics every " + s.every() + " steps" + (s.window() > 0 ? ", window " + s.window() : ""),
                "wall time " + String.format(Locale.ROOT, "%.1f s", r.wallTime().toMillis() / 1000.0));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void measuredMarkdown(Curves curves, StringBuilder b) {
        List<String> columns = EndTables.measuredColumns(curves);
        if (columns.isEmpty()) {
            return;
        }
        b.append("\n## Measured at the end\n\nThe last snapshot of each run, mean ± sd over seeds.\n\n| variant |");
        columns.forEach(c -> b.append(" `").append(c).append("` |"));
        b.append("\n|---|");
        columns.forEach(c -> b.append("---|"));
        b.append('\n');
        for (String v : curves.variants()) {
            b.append("| ").append(v).append(" |");
            columns.forEach(c -> b.append(' ').append(EndTables.atEnd(curves, v, c)).append(" |"));
            b.append('\n');
        }
    }

    /** Per variant: the confusion matrices and the spectrum plots of the runs' last snapshots. */
    private static void endsMarkdown(Curves curves, List<Plots.Plot> spectra, StringBuilder b) {
        for (String v : curves.variants()) {
            List<EndTables.Pooled> matrices = confusion(curves, v);
            List<Plots.Plot> mine = spectraOf(spectra, v);
            if (matrices.isEmpty() && mine.isEmpty()) {
                continue;
            }
            b.append("## ").append(v).append(" at the end\n\n");
            for (int i = 0; i < matrices.size(); i++) {
                EndTables.Pooled p = matrices.get(i);
                b.append("Confusion matrix ").append(p.caption(i == 0 ? "observed" : "clean"))
                        .append(": share of the window's samples per cell.\n\n").append(p.matrix().toMarkdown())
                        .append('\n');
            }
            for (Plots.Plot p : mine) {
                b.append("![").append(p.metric()).append(" spectral density](").append(p.png().getFileName())
                        .append(")\n\n");
            }
        }
    }

    /**
     * The pooled end matrices of {@code variant}: against the observed labels, then against the
     * clean ones if the scenario gives clean labels that differ from the observed ones somewhere.
     */
    static List<EndTables.Pooled> confusion(Curves curves, String variant) {
        List<Curve> runs = curves.runsOf(variant);
        EndTables.Pooled observed = EndTables.pooled(runs.stream().map(c -> c.end().observed()).toList());
        if (observed.isEmpty()) {
            return List.of();
        }
        EndTables.Pooled clean = EndTables.pooled(runs.stream().map(c -> c.end().clean()).toList());
        boolean noisy = !clean.isEmpty() && !clean.matrix().equals(observed.matrix());
        return noisy ? List.of(observed, clean) : List.of(observed);
    }

    private static List<Plots.Plot> spectraOf(List<Plots.Plot> spectra, String variant) {
        // a spectrum plot is labelled "VARIANT: layer N"; a variant name has no colon
        return spectra.stream().filter(p -> p.metric().startsWith(variant + ": layer ")).toList();
    }

    static String html(ExperimentResult r, List<Plots.Plot> plots) {
        return html(r, plots, List.of());
    }

    static String html(ExperimentResult r, List<Plots.Plot> plots, List<Plots.Plot> spectra) {
        ExperimentSpec s = r.spec();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(s.title()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "vertical-align:top}.PASS{color:#1a7f37;font-weight:bold}.FAIL{color:#cf222e;"
                        + "font-weight:bold}code{background:#f4f4f4}table.confusion td{text-align:right}"
                        + "</style></head><body>\n");
        b.append("<h1>").append(esc(s.title())).append("</h1>\n");
        b.append("<p><b>Claim.</b> ").append(esc(s.claim())).append("</p>\n");
        b.append("<p><b>Citation.</b> ").append(esc(s.citation())).append("</p>\n");
        String overall = r.passed() ? "PASS" : "FAIL";
        b.append("<p><b>Verdict.</b> <span class=\"").append(overall).append("\">").append(overall)
                .append("</span>: ").append(r.verdicts().stream().filter(Verdict::pass).count()).append(" of ")
                .append(r.verdicts().size()).append(" expectations hold.</p>\n<h2>Setup</h2>\n<ul>\n");
        setup(s, r).forEach(row -> b.append("<li>").append(esc(row).replace("`", "")).append("</li>\n"));
        b.append("</ul>\n<h2>Expectations</h2>\n<table><tr><th>#</th><th>expectation</th><th>predicted</th>"
                + "<th>measured (mean ± sd over seeds)</th><th>verdict</th></tr>\n");
        int i = 1;
        for (Verdict v : r.verdicts()) {
            String cls = v.pass() ? "PASS" : "FAIL";
            b.append("<tr><td>").append(i++).append("</td><td><code>").append(esc(v.expectation().text()))
                    .append("</code></td><td>").append(esc(predicted(v.expectation()))).append("</td><td>")
                    .append(v.measured().stream().map(m -> esc(m.toString())).collect(Collectors.joining("<br>")))
                    .append("</td><td><span class=\"").append(cls).append("\">").append(cls).append("</span>")
                    .append(v.pass() ? "" : "<br>" + esc(v.reason())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        List<String> columns = EndTables.measuredColumns(r.curves());
        if (!columns.isEmpty()) {
            b.append("<h2>Measured at the end</h2>\n<p>The last snapshot of each run, mean ± sd over seeds.</p>\n"
                    + "<table><tr><th>variant</th>");
            columns.forEach(c -> b.append("<th><code>").append(esc(c)).append("</code></th>"));
            b.append("</tr>\n");
            for (String v : r.curves().variants()) {
                b.append("<tr><td>").append(esc(v)).append("</td>");
                columns.forEach(c -> b.append("<td>").append(EndTables.atEnd(r.curves(), v, c)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Plots</h2>\n<p>Mean over seeds, band from the seeds' minimum to maximum; dashed "
                + "lines are the scenario's true shifts.</p>\n");
        for (Plots.Plot p : plots) {
            b.append("<figure>").append(p.svgElement()).append("<figcaption>").append(esc(p.metric()))
                    .append("</figcaption></figure>\n");
        }
        for (String v : r.curves().variants()) {
            List<EndTables.Pooled> matrices = confusion(r.curves(), v);
            List<Plots.Plot> mine = spectraOf(spectra, v);
            if (matrices.isEmpty() && mine.isEmpty()) {
                continue;
            }
            b.append("<h2>").append(esc(v)).append(" at the end</h2>\n");
            for (int m = 0; m < matrices.size(); m++) {
                EndTables.Pooled p = matrices.get(m);
                b.append("<p>Confusion matrix ").append(esc(p.caption(m == 0 ? "observed" : "clean")))
                        .append(": share of the window's samples per cell, shaded by the share of its row.</p>\n")
                        .append(p.html());
            }
            for (Plots.Plot p : mine) {
                b.append("<figure>").append(p.svgElement()).append("<figcaption>").append(esc(p.metric()))
                        .append(" spectral density</figcaption></figure>\n");
            }
        }
        b.append("<p>Curves: <a href=\"curves.csv\">curves.csv</a>.</p>\n</body></html>\n");
        return b.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static void write(ExperimentResult r, List<Plots.Plot> plots, Path dir) {
        write(r, plots, List.of(), dir);
    }

    /** Writes both reports; {@code spectra} are the spectral density plots ({@link Plots#writeSpectra}). */
    public static void write(ExperimentResult r, List<Plots.Plot> plots, List<Plots.Plot> spectra, Path dir) {
        try {
            Files.writeString(dir.resolve(MARKDOWN), markdown(r, plots, spectra), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML), html(r, plots, spectra), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }
}

package io.sgdscope.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Runs an experiment, judges its expectations and writes its outputs: the one entry point of the CLI and tests. */
public final class Experiments {

    private Experiments() {
    }

    /** Runs every (variant, seed) job and judges the expectations; writes nothing. */
    public static ExperimentResult run(ExperimentSpec spec, ExperimentRunner runner) {
        long start = System.nanoTime();
        Curves curves = runner.run(spec);
        var verdicts = new ExpectationEvaluator(curves).judge(spec.expectations());
        return new ExperimentResult(spec, curves, verdicts, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Writes {@code curves.csv}, the plots, the spectrum plots and the reports into {@code dir} (created if needed). */
    public static void write(ExperimentResult result, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        CurvesCsv.write(result.curves(), dir);
        Reports.write(result, Plots.write(result, dir), Plots.writeSpectra(result, dir), dir);
    }
}

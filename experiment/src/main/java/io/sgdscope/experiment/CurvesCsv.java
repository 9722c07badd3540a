package io.sgdscope.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code curves.csv} in long format: one row per snapshot of each (variant, seed) run, columns
 * {@code variant,seed,step,samples} then every metric of {@link Curves#columns()} in their fixed
 * order. Numbers are written locale-independently in their shortest exact form (NaN as an empty
 * cell) and lines end in {@code \n}, so two runs with the same seeds give the same bytes.
 */
public final class CurvesCsv {

    public static final String FILE = "curves.csv";

    private CurvesCsv() {
    }

    public static Path write(Curves curves, Path dir) {
        Path file = dir.resolve(FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(curves, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static void write(Curves curves, Writer w) throws IOException {
        StringBuilder line = new StringBuilder("variant,seed,step,samples");
        curves.columns().forEach(c -> line.append(',').append(c));
        w.write(line.append('\n').toString());
        for (Curve c : curves.runs()) {
            for (int r = 0; r < c.rows(); r++) {
                line.setLength(0);
                line.append(c.variant()).append(',').append(c.seed()).append(',').append(c.steps()[r]).append(',')
                        .append(c.samples()[r]);
                for (double v : c.values()[r]) {
                    line.append(',').append(Format.csv(v));
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}

package io.sgdscope.producers.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.ConfigException;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceProviders;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourcesTest {

    @TempDir
    Path dir;

    private static SampleSource open(Map<String, String> params) {
        return SourceProviders.onClassPath().create(SourceContext.of(params, "f", 1, () -> 9L));
    }

    private static List<Sample> drain(SampleSource s, int max) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            var next = s.next();
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void csvWithAChosenLabelColumn() throws IOException {
        Path csv = write("d.csv", "a,label,b\n1.5,1,2\n-1,0,4e-1\n\n3,2,0\n");
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "label-column", "label"))) {
            assertThat(s.schema().dimension()).isEqualTo(2);
            assertThat(s.schema().classes()).isEqualTo(3);
            List<Sample> xs = drain(s, 10);
            assertThat(xs).hasSize(3);
            assertThat(xs.get(0).features()).containsExactly(1.5f, 2f);
            assertThat(xs.get(1).features()).containsExactly(-1f, 0.4f);
            assertThat(xs).extracting(Sample::label).containsExactly(Label.ofClass(1), Label.ofClass(0), Label.ofClass(2));
            assertThat(xs).extracting(Sample::id).containsExactly("f-0", "f-1", "f-2");
        }
    }

    @Test
    void csvRegressionUsesTheLastColumnByDefault() throws IOException {
        Path csv = write("r.csv", "x1;x2;y\n1;2;0.25\n");
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "delimiter", ";", "task", "regression"))) {
            Sample x = s.next().orElseThrow();
            assertThat(x.label()).isEqualTo(Label.ofTarget(0.25));
            assertThat(s.next()).isEmpty();
        }
    }

    @Test
    void corruptCsvRowsAreSkippedWithTheirLineOrFail() throws IOException {
        Path csv = write("bad.csv", "a,b,y\n1,2,0\n1,oops,1\n1,2\n4,5,1\n");
        try (FileSource s = (FileSource) open(Map.of("type", "csv", "path", csv.toString(), "classes", "2"))) {
            List<Sample> xs = drain(s, 10);
            assertThat(xs).hasSize(2);
            assertThat(xs.get(1).features()).containsExactly(4f, 5f);
            assertThat(s.skipped()).isEqualTo(2);
        }
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "classes", "2", "on-error", "fail"))) {
            s.next();
            assertThatThrownBy(s::next).isInstanceOf(FileSource.FileSourceException.class)
                    .hasMessageContaining("bad.csv line 3").hasMessageContaining("column 2 is not a number: 'oops'");
        }
    }

    @Test
    void aLabelOutsideTheClassesIsABadRecord() throws IOException {
        Path csv = write("cls.csv", "a,y\n1,0\n2,7\n3,1\n");
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "classes", "2", "on-error", "fail"))) {
            s.next();
            assertThatThrownBy(s::next).hasMessageContaining("line 3").hasMessageContaining("label 7.0 is not a class in 0..1");
        }
    }

    @Test
    void loopReplaysTheFileAndOnceEnds() throws IOException {
        Path csv = write("l.csv", "a,y\n1,0\n2,1\n");
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "replay", "loop"))) {
            var samples = drain(s, 7);
            assertThat(samples).extracting(x -> x.features()[0]).containsExactly(1f, 2f, 1f, 2f, 1f, 2f, 1f);
            // the position in the produced stream, not in the file
            assertThat(samples).extracting(x -> x.index()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        }
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString()))) {
            assertThat(drain(s, 7)).hasSize(2);
        }
    }

    @Test
    void loopOverAFileWithoutAGoodRecordEndsInsteadOfSpinning() throws IOException {
        Path csv = write("e.csv", "a,y\nx,0\n");
        try (SampleSource s = open(Map.of("type", "csv", "path", csv.toString(), "replay", "loop", "classes", "2"))) {
            assertThat(s.next()).isEmpty();
        }
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> open(Map.of("type", "csv", "path", dir.resolve("nope.csv").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("source.path")
                .hasMessageContaining("file not found").hasMessageContaining("nope.csv");
        assertThatThrownBy(() -> open(Map.of("type", "csv", "path", write("h.csv", "a,y\n1,0\n").toString(),
                "label-column", "label"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("source.label-column").hasMessageContaining("[a, y]");
    }

    @Test
    void jsonLinesWithBadLinesReported() throws IOException {
        Path f = write("d.jsonl", """
                {"features": [1, 2], "label": 1}
                not json
                {"features": [1], "label": 0}
                {"x": [3, 4], "y": 0}
                {"features": [5, 6], "label": 0}
                """);
        try (FileSource s = (FileSource) open(Map.of("type", "jsonl", "path", f.toString(), "dimension", "2", "classes", "2"))) {
            List<Sample> xs = drain(s, 10);
            assertThat(xs).extracting(x -> x.features()[0]).containsExactly(1f, 5f);
            assertThat(s.skipped()).isEqualTo(3);
        }
        try (SampleSource s = open(Map.of("type", "jsonl", "path", f.toString(), "dimension", "2", "on-error", "fail"))) {
            s.next();
            assertThatThrownBy(s::next).hasMessageContaining("d.jsonl line 2").hasMessageContaining("is not JSON");
        }
    }

    /** An IDX pair with {@code n} images of rows x cols; pixel (i, p) = (i + p) % 256; label i % 10. */
    static byte[][] idx(int n, int rows, int cols, int imagesMagic) throws IOException {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(img);
        d.writeInt(imagesMagic);
        d.writeInt(n);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                d.writeByte((i + p) % 256);
            }
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(lab);
        l.writeInt(IdxSource.LABELS_MAGIC);
        l.writeInt(n);
        for (int i = 0; i < n; i++) {
            l.writeByte(i % 10);
        }
        return new byte[][] {img.toByteArray(), lab.toByteArray()};
    }

    private Map<String, String> writeIdx(byte[][] files, boolean gzip) throws IOException {
        Path img = dir.resolve(gzip ? "img.gz" : "img");
        Path lab = dir.resolve(gzip ? "lab.gz" : "lab");
        for (int k = 0; k < 2; k++) {
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(k == 0 ? img : lab))
                    : Files.newOutputStream(k == 0 ? img : lab)) {
                out.write(files[k]);
            }
        }
        Map<String, String> m = new HashMap<>(Map.of("type", "idx", "images", img.toString(), "labels", lab.toString()));
        return m;
    }

    @Test
    void idxPlainAndGzippedGiveTheSameScaledPixels() throws IOException {
        byte[][] files = idx(12, 3, 2, IdxSource.IMAGES_MAGIC);
        List<Sample> plain;
        try (SampleSource s = open(writeIdx(files, false))) {
            assertThat(s.schema().dimension()).isEqualTo(6);
            assertThat(((IdxSource) s).imageRows()).isEqualTo(3);
            plain = drain(s, 100);
        }
        try (SampleSource s = open(writeIdx(files, true))) {
            assertThat(drain(s, 100)).isEqualTo(plain);
        }
        assertThat(plain).hasSize(12);
        assertThat(plain.get(11).label()).isEqualTo(Label.ofClass(1));
        assertThat(plain.get(2).features()).containsExactly(2 / 255f, 3 / 255f, 4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f);
    }

    @Test
    void idxWithAWrongMagicNumberFailsNamingTheFile() throws IOException {
        Map<String, String> p = writeIdx(idx(2, 2, 2, 0x00000801), false);
        assertThatThrownBy(() -> open(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("source.images").hasMessageContaining("is not an IDX image file")
                .hasMessageContaining("0x801");
    }

    @Test
    void truncatedIdxIsReportedWithItsRecordNumber() throws IOException {
        byte[][] files = idx(5, 2, 2, IdxSource.IMAGES_MAGIC);
        byte[] cut = java.util.Arrays.copyOf(files[0], 16 + 4 * 3 + 2);
        Map<String, String> p = writeIdx(new byte[][] {cut, files[1]}, false);
        try (FileSource s = (FileSource) open(p)) {
            assertThat(drain(s, 10)).hasSize(3);
            assertThat(s.skipped()).isEqualTo(1);
        }
        p.put("on-error", "fail");
        try (SampleSource s = open(p)) {
            drain(s, 3);
            assertThatThrownBy(s::next).hasMessageContaining("record 4").hasMessageContaining("truncated");
        }
    }

    @Test
    void idxLabelOutsideTheClassesIsSkipped() throws IOException {
        Map<String, String> p = writeIdx(idx(12, 1, 1, IdxSource.IMAGES_MAGIC), false);
        p.put("classes", "5");
        try (FileSource s = (FileSource) open(p)) {
            assertThat(drain(s, 100)).extracting(x -> ((Label.ClassIndex) x.label()).index())
                    .containsExactly(0, 1, 2, 3, 4, 0, 1);
            assertThat(s.skipped()).isEqualTo(5);
        }
    }

    @Test
    void realFashionMnistFromTheDebianPackage() {
        Path base = Path.of("/usr/share/datasets/fashion-mnist");
        try (SampleSource s = open(Map.of("type", "idx", "images", base.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "labels", base.resolve("t10k-labels-idx1-ubyte.gz").toString()))) {
            assertThat(s.schema().dimension()).isEqualTo(784);
            assertThat(((IdxSource) s).count()).isEqualTo(10_000);
            List<Sample> xs = drain(s, 20_000);
            assertThat(xs).hasSize(10_000);
            int[] perClass = new int[10];
            xs.forEach(x -> perClass[((Label.ClassIndex) x.label()).index()]++);
            // the Fashion-MNIST test set has exactly 1,000 images of each class
            assertThat(perClass).containsOnly(1000);
            for (float v : xs.get(0).features()) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }
}

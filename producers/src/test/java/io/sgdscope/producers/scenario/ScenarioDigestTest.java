package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.ProduceConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden digests of the built-in scenarios: the first samples and drift events of each
 * {@code scenarios/*.yaml} hashed field by field ({@code fashion-mnist} reads the Debian package
 * dataset-fashion-mnist, as {@code FileSourcesTest} does). It pins
 * the exact output of a seed, so a refactoring of the scenario runner must keep it byte for byte.
 * The fixture was written by {@link #main} with the classes of ScenarioSource before it was split
 * (commit 47f3e76; the fashion-mnist line was added later from those same classes); rerun {@code main} only
 * when the output is meant to change, and say why in the commit.
 */
class ScenarioDigestTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "scenario-digests.txt");
    private static final Path SCENARIOS = Path.of("..", "scenarios");

    /** Samples per scenario: past the last phase start, its ramp and a few recurring switches. */
    private static final Map<String, Integer> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("default", 3_000);
        SAMPLES.put("concept-drift", 78_000);
        SAMPLES.put("covariate-shift", 62_000);
        SAMPLES.put("hyperplane", 5_000);
        SAMPLES.put("label-noise", 62_000);
        SAMPLES.put("prior-shift", 42_000);
        SAMPLES.put("rbf-drift", 52_000);
        SAMPLES.put("recurring", 42_000);
        SAMPLES.put("separable-margin", 5_000);
        SAMPLES.put("sparse-parity", 5_000);
        SAMPLES.put("sparse-regression", 62_000);
        SAMPLES.put("spurious", 62_000);
        SAMPLES.put("fashion-mnist", 125_000);
    }

    static List<String> fixtureLines() throws IOException {
        return Files.readAllLines(FIXTURE).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureLines")
    void theFirstSamplesAndEventsOfABuiltInScenarioAreUnchanged(String line) throws Exception {
        String[] parts = line.split(" ");
        String name = parts[0];
        int n = Integer.parseInt(parts[1]);
        assertThat(digest(name, n)).as("digest of the first %d samples and events of %s", n, name).isEqualTo(parts[2]);
    }

    /** Writes the fixture from the current implementation. Not a test: run it on purpose. */
    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder("# scenario samples sha256(samples, events); see ScenarioDigestTest\n");
        for (var e : SAMPLES.entrySet()) {
            out.append(e.getKey()).append(' ').append(e.getValue()).append(' ')
                    .append(digest(e.getKey(), e.getValue())).append('\n');
        }
        Files.writeString(FIXTURE, out);
    }

    static String digest(String scenario, int n) throws IOException, NoSuchAlgorithmException {
        RawConfig raw = RawConfig.fromYaml(SCENARIOS.resolve(scenario + ".yaml"));
        ProduceConfig cfg = ProduceConfig.from(raw);
        List<DriftEvent> events = new ArrayList<>();
        AtomicLong clock = new AtomicLong(1_000_000);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int drawn = 0;
        try (ScenarioSource s = ScenarioSource.open(raw, cfg, clock::incrementAndGet, events::add)) {
            for (; drawn < n; drawn++) {
                var next = s.next();
                if (next.isEmpty()) {
                    break;
                }
                update(md, next.get());
            }
        }
        update(md, "drawn " + drawn);
        for (DriftEvent e : events) {
            update(md, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Sample s) {
        update(md, s.id() + "|" + s.stream() + "|" + s.eventTimeMs() + "|" + label(s.label()) + "|"
                + (s.truth() == null ? "-" : label(s.truth().cleanLabel()) + "," + s.truth().noisy() + "," + s.truth().phase()));
        update(md, s.features());
    }

    private static void update(MessageDigest md, DriftEvent e) {
        update(md, e.stream() + "|" + e.sampleIndex() + "|" + e.timeMs() + "|" + e.kind() + "|" + e.phase() + "|"
                + e.transition() + "|" + e.gradualStartIndex() + "|" + e.gradualEndIndex());
        update(md, e.teacherWeights() == null ? new float[0] : e.teacherWeights());
    }

    private static String label(Label l) {
        if (l == null) {
            return "-";
        }
        return l instanceof Label.ClassIndex c ? "c" + c.index()
                : "r" + Long.toHexString(Double.doubleToRawLongBits(((Label.RealTarget) l).value()));
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
    }

    private static void update(MessageDigest md, float[] x) {
        ByteBuffer b = ByteBuffer.allocate(4 * x.length + 4).putInt(x.length);
        for (float f : x) {
            b.putInt(Float.floatToRawIntBits(f));
        }
        md.update(b.array());
    }
}

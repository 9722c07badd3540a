package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sgdscope bench --only trainer-scaling} on its embedded broker, with a few samples per run. */
class BenchScalingIT {

    @TempDir
    Path dir;

    @Test
    void theScalingTableHasARowPerVariantCountAndWidth() throws Exception {
        Path out = dir.resolve("scaling.json");
        CliTest.Result r = CliTest.run("bench", "--only", "trainer-scaling", "--samples", "200", "--warmup", "0",
                "--repeats", "1", "--dimension", "8", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (int n = 1; n <= 8; n *= 2) {
            assertThat(r.out()).containsPattern("(?m)^  linear:8-2 +" + n + " ")
                    .containsPattern("(?m)^  mlp:8-128-2 +" + n + " ");
        }
        for (int h = 64; h <= 1024; h *= 2) {
            assertThat(r.out()).containsPattern("(?m)^  mlp:8-" + h + "-2 +" + h + " ");
        }
        JsonNode json = new ObjectMapper().readTree(out.toFile()).get("trainer-scaling");
        assertThat(json.get("variants")).hasSize(8);
        assertThat(json.get("width")).hasSize(5);
        for (JsonNode row : json.get("variants")) {
            assertThat(row.get("samplesPerSecond").asDouble()).isPositive();
            assertThat(row.get("modelStepsPerSecond").asDouble())
                    .isEqualTo(row.get("samplesPerSecond").asDouble() * row.get("variants").asInt());
        }
        assertThat(json.get("variants").get(0).get("perVariantRatio").asDouble()).isEqualTo(1.0);
        assertThat(json.get("width").get(0).get("costPerSampleVsBase").asDouble()).isEqualTo(1.0);
    }
}

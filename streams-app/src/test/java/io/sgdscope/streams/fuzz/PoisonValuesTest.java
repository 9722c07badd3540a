package io.sgdscope.streams.fuzz;

import static io.sgdscope.streams.support.AppDriver.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.streams.support.AppDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison values at the streams app, with the production defaults: a NaN storm, magnitudes beyond
 * float range, and a 10^6-dimensional record. Each is refused with its reason, and the valid
 * samples around them go on.
 */
class PoisonValuesTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int STORM = 2_000;

    @TempDir
    Path stateDir;

    private static Sample valid(int i) {
        return new Sample("ok-" + i, "s", T0 + i, new float[] {1, 2, 3}, Label.ofClass(i % 2), null);
    }

    @Test
    void poisonIsRefusedWithItsReasonAndTheValidSamplesGoOn() {
        try (AppDriver app = new AppDriver(Map.of("streams.feature-dimension", "3"), stateDir)) {
            app.send(valid(0));
            for (int i = 0; i < STORM; i++) {
                String nan = i % 3 == 0 ? "NaN" : i % 3 == 1 ? "Infinity" : "-Infinity";
                app.raw.pipeInput("s", json("nan-" + i, T0 + i, "[1," + nan + ",3]"), T0 + i);
            }
            app.send(valid(1));
            // beyond float range: 1e308 and 1e39 are finite doubles but not floats; they must not turn into
            // infinities that slip through, nor into anything else than a refusal
            app.raw.pipeInput("s", json("huge-1", T0, "[1e308,0,0]"), T0);
            app.raw.pipeInput("s", json("huge-2", T0, "[0,-1e39,0]"), T0);
            app.raw.pipeInput("s", json("huge-label", T0, "[0,0,0]", "{\"class\":1e308}"), T0);
            // a million features: 4 MB in binary, more in JSON, beyond streams.max-record-bytes (1 MiB)
            float[] million = new float[1_000_000];
            app.raw.pipeInput("s", new BinarySampleCodec().encode(new Sample("wide-bin", "s", T0, million, Label.ofClass(0),
                    null)), T0);
            app.raw.pipeInput("s", json("wide-json", T0, "[" + "0,".repeat(999_999) + "0]"), T0);
            app.send(valid(2));

            assertThat(app.clean.readValuesToList()).extracting(Sample::id).containsExactly("ok-0", "ok-1", "ok-2");
            List<TestRecord<String, byte[]>> dlq = app.dlq.readRecordsToList();
            assertThat(dlq).hasSize(STORM + 5);
            assertThat(dlq.subList(0, STORM)).allSatisfy(r -> assertThat(reason(r)).isEqualTo("non_finite"));
            List<String> rest = dlq.subList(STORM, dlq.size()).stream().map(AppDriver::reason).toList();
            assertThat(rest).as("huge values, then the wide records")
                    .containsExactly("non_finite", "non_finite", "wrong_type", "too_large", "too_large"); // a class index must be an int
        }
    }

    private static byte[] json(String id, long ts, String features) {
        return json(id, ts, features, "{\"class\":1}");
    }

    private static byte[] json(String id, long ts, String features, String label) {
        return ("{\"v\":1,\"id\":\"" + id + "\",\"stream\":\"s\",\"ts\":" + ts + ",\"features\":" + features + ",\"label\":"
                + label + "}").getBytes(StandardCharsets.UTF_8);
    }
}

package io.sgdscope.trainer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.trainer.model.Prediction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class JsonPredictionCodecTest {

    private final JsonPredictionCodec codec = new JsonPredictionCodec();

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aClassifiersRecordHasThePinnedShape() {
        PredictionRecord r = new PredictionRecord("s-17", "teacher", "sgd", 42,
                Prediction.ofProbabilities(0.25, 0.75), 1_700_000_000_000L, 1_700_000_000_120L, false);
        assertThat(json(codec.encode(r))).isEqualTo("{\"v\":1,\"id\":\"s-17\",\"stream\":\"teacher\",\"variant\":\"sgd\","
                + "\"step\":42,\"class\":1,\"probabilities\":[0.25,0.75],\"sample_time_ms\":1700000000000,"
                + "\"predicted_at_ms\":1700000000120,\"labelled\":false}");
    }

    @Test
    void aRegressionRecordCarriesItsValueAndNonFiniteNumbersAreNull() {
        PredictionRecord r = new PredictionRecord("r-1", "reg", "sam", 0, Prediction.ofValue(2.5), 5, 6, true);
        assertThat(json(codec.encode(r))).isEqualTo("{\"v\":1,\"id\":\"r-1\",\"stream\":\"reg\",\"variant\":\"sam\","
                + "\"step\":0,\"value\":2.5,\"sample_time_ms\":5,\"predicted_at_ms\":6,\"labelled\":true}");
        PredictionRecord diverged = new PredictionRecord("r-2", "reg", "sam", 3, Prediction.ofValue(Double.POSITIVE_INFINITY),
                5, 6, false);
        assertThat(json(codec.encode(diverged))).contains("\"value\":null");
        assertThat(codec.decode(codec.encode(diverged)).prediction().value()).isNaN();
    }

    @Test
    void stringsAreEscapedAsJsonRequires() {
        String id = "q\"b\\s\n\u0001é€😀";
        PredictionRecord r = new PredictionRecord(id, "s", "sgd", 1, Prediction.ofValue(1), 0, 0, false);
        assertThat(json(codec.encode(r))).startsWith("{\"v\":1,\"id\":\"q\\\"b\\\\s\\n\\u0001é€😀\",");
        assertThat(codec.decode(codec.encode(r)).sampleId()).isEqualTo(id);
    }

    @Test
    void unknownFieldsAreIgnoredAndBadRecordsNameTheirField() {
        PredictionRecord r = codec.decode(("{\"v\":1,\"id\":\"a\",\"stream\":\"s\",\"variant\":\"sgd\",\"step\":1,"
                + "\"extra\":{\"x\":[1]},\"value\":1.5,\"sample_time_ms\":2,\"predicted_at_ms\":3,\"labelled\":false}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.prediction().value()).isEqualTo(1.5);
        assertThatThrownBy(() -> codec.decode("{\"v\":1,\"id\":\"a\",\"stream\":\"s\",\"variant\":\"sgd\",\"step\":1,\"value\":1,\"sample_time_ms\":2,\"labelled\":false}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("predicted_at_ms");
        assertThatThrownBy(() -> codec.decode("{\"v\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.decode("{\"v\":1,\"step\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("step must be");
    }

    @Property(tries = 200)
    void classifierRecordsRoundTrip(@ForAll String id, @ForAll String variant, @ForAll long step,
                                    @ForAll @Size(min = 1, max = 12) double @DoubleRange(min = 0, max = 1) [] probabilities,
                                    @ForAll long sampleTime, @ForAll long predictedAt, @ForAll boolean labelled) {
        PredictionRecord r = new PredictionRecord(id, "stream", variant, step, Prediction.ofProbabilities(probabilities),
                sampleTime, predictedAt, labelled);
        PredictionRecord back = codec.decode(codec.encode(r));
        assertThat(back).usingRecursiveComparison().ignoringFields("prediction").isEqualTo(r);
        assertThat(back.prediction().probabilities()).containsExactly(probabilities);
        assertThat(back.prediction().isRegression()).isFalse();
    }

    @Property(tries = 100)
    void regressionRecordsRoundTrip(@ForAll double value, @ForAll long step) {
        PredictionRecord r = new PredictionRecord("id", "s", "v", step, Prediction.ofValue(value), 1, 2, false);
        double back = codec.decode(codec.encode(r)).prediction().value();
        if (Double.isFinite(value)) {
            assertThat(back).isEqualTo(value);
        } else {
            assertThat(back).isNaN();
        }
    }
}

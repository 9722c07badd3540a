package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonSampleCodecTest {

    private final JsonSampleCodec codec = new JsonSampleCodec();

    private Sample decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDocumentedExample() {
        Sample s = decode("""
                {"v":1,"id":"teacher-linear-17","stream":"teacher-linear","index":17,"ts":1732492800000,
                 "features":[0.25,-1.5,3],"label":{"class":1},
                 "truth":{"cleanLabel":{"class":0},"noisy":true,"phase":2}}
                """);
        assertThat(s).isEqualTo(new Sample("teacher-linear-17", "teacher-linear", 1732492800000L,
                new float[] {0.25f, -1.5f, 3f}, Label.ofClass(1), new GroundTruth(Label.ofClass(0), true, 2), 17));
    }

    @Test
    void joinedIsOptionalAndWrittenOnlyWhenTrue() {
        Sample plain = decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[1],\"label\":{\"class\":1}}");
        Sample joined = decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[1],\"label\":{\"class\":1},"
                + "\"joined\":true}");
        assertThat(plain.joined()).isFalse();
        assertThat(joined.joined()).isTrue();
        assertThat(joined).isEqualTo(plain.joinedWith(Label.ofClass(1)));
        assertThat(new String(codec.encode(plain), StandardCharsets.UTF_8)).doesNotContain("joined");
        assertThat(new String(codec.encode(joined), StandardCharsets.UTF_8)).contains("\"joined\":true");
    }

    @Test
    void joinedMustBeABooleanAndNeedsALabel() {
        assertThatThrownBy(() -> decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[1],\"label\":{\"class\":1},"
                + "\"joined\":1}"))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.WRONG_TYPE))
                .hasMessageContaining("joined");
        assertThatThrownBy(() -> decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[1],\"joined\":true}"))
                .isInstanceOfSatisfying(SampleDecodeException.class,
                        e -> assertThat(e.error()).isEqualTo(DecodeError.INVALID_VALUE));
    }

    @Test
    void aRecordWithoutIndexHasNoPositionWhateverItsId() {
        Sample s = decode("{\"id\":\"teacher-linear-17\",\"stream\":\"teacher-linear\",\"ts\":5,\"features\":[1]}");
        Sample nullIndex = decode("{\"id\":\"a\",\"stream\":\"s\",\"index\":null,\"ts\":5,\"features\":[1]}");
        assertThat(s.hasIndex()).isFalse();
        assertThat(s.index()).isEqualTo(Sample.NO_INDEX);
        assertThat(nullIndex.hasIndex()).isFalse();
    }

    @Test
    void writesTheIndexOnlyWhenKnown() {
        String with = new String(codec.encode(new Sample("a", "s", 5, new float[] {1}, null, null, 0)),
                StandardCharsets.UTF_8);
        String without = new String(codec.encode(new Sample("a", "s", 5, new float[] {1}, null, null)),
                StandardCharsets.UTF_8);
        assertThat(with).contains("\"index\":0");
        assertThat(without).doesNotContain("index");
    }

    @Test
    void labelAndTruthAreOptionalAndUnknownFieldsAreIgnored() {
        Sample s = decode("""
                {"id":"a","stream":"s","ts":5,"features":[1],"label":null,"extra":{"nested":[1,2]}}
                """);
        assertThat(s.label()).isNull();
        assertThat(s.truth()).isNull();
        assertThat(s.isLabelled()).isFalse();
    }

    @Test
    void readsRealTargets() {
        assertThat(decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[],\"label\":{\"target\":-2.5}}").label())
                .isEqualTo(Label.ofTarget(-2.5));
    }

    @Test
    void nonFiniteFeaturesParseSoValidationCanNameThem() {
        Sample s = decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":5,\"features\":[NaN,Infinity,-Infinity]}");
        assertThat(s.features()[0]).isNaN();
        assertThat(s.features()[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(s.features()[2]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "broken json          | {\"id\":                                                         | MALFORMED           | not valid JSON",
        "not an object        | [1,2]                                                          | WRONG_TYPE          | record must be an object",
        "trailing garbage     | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[]} x    | MALFORMED           | not valid JSON",
        "missing id           | {\"stream\":\"s\",\"ts\":1,\"features\":[]}                 | MISSING_FIELD       | 'id'",
        "missing features     | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1}                     | MISSING_FIELD       | 'features'",
        "string feature       | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[1,\"x\"]} | WRONG_TYPE     | features[1] must be a number",
        "id not a string      | {\"id\":7,\"stream\":\"s\",\"ts\":1,\"features\":[]}         | WRONG_TYPE          | id must be a string",
        "fractional ts        | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1.5,\"features\":[]}   | WRONG_TYPE          | ts must be an integer",
        "huge ts              | {\"id\":\"a\",\"stream\":\"s\",\"ts\":99999999999999999999,\"features\":[]} | INVALID_VALUE | ts is out of range",
        "empty label          | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[],\"label\":{}} | MISSING_FIELD | label needs 'class' or 'target'",
        "future version       | {\"v\":2,\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[]} | UNSUPPORTED_VERSION | version 2",
        "negative index       | {\"id\":\"a\",\"stream\":\"s\",\"index\":-1,\"ts\":1,\"features\":[]} | INVALID_VALUE | index must be >= 0",
        "fractional index     | {\"id\":\"a\",\"stream\":\"s\",\"index\":1.5,\"ts\":1,\"features\":[]} | WRONG_TYPE | index must be an integer",
        "string index         | {\"id\":\"a\",\"stream\":\"s\",\"index\":\"7\",\"ts\":1,\"features\":[]} | WRONG_TYPE | index must be an integer",
        "huge index           | {\"id\":\"a\",\"stream\":\"s\",\"index\":99999999999999999999,\"ts\":1,\"features\":[]} | INVALID_VALUE | index is out of range",
        "negative phase       | {\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"features\":[],\"truth\":{\"cleanLabel\":{\"class\":1},\"phase\":-1}} | INVALID_VALUE | phase must be >= 0",
    })
    void rejectsBadRecordsWithATypedReason(String name, String json, DecodeError error, String messagePart) {
        assertThatThrownBy(() -> decode(json.strip()))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(error))
                .hasMessageContaining(messagePart);
    }

    @Test
    void emptyPayloadIsItsOwnReason() {
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.EMPTY));
    }
}

package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonLabelCodecTest {

    private final JsonLabelCodec codec = new JsonLabelCodec();

    @Provide
    Arbitrary<LabelRecord> labels() {
        Arbitrary<Label> label = Arbitraries.oneOf(
                Arbitraries.integers().map(Label::ofClass),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.NEGATIVE_INFINITY).map(Label::ofTarget));
        return Combinators.combine(Arbitraries.strings().ofMaxLength(30), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                label, Arbitraries.longs()).as(LabelRecord::new);
    }

    /**
     * Bytes Jackson takes for UTF-32 (three zero bytes first) holding a code point above U+10FFFF: a
     * CharConversionException inside the parser, which must surface as a malformed record, not as
     * an I/O error (the fuzz test found it for samples).
     */
    @org.junit.jupiter.api.Test
    void textInNoEncodingJsonAllowsIsMalformedForSamplesAndLabels() {
        byte[] bytes = {0, 0, 0, '{', 0, 0x2f, 0x73, 0x02};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.MALFORMED));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonSampleCodec().decode(bytes))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.MALFORMED));
    }

    @Property(tries = 500)
    void roundTripsEveryLabelRecord(@ForAll("labels") LabelRecord r) {
        assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
    }

    @Test
    void readsTheDocumentedShapeAndIgnoresUnknownFields() {
        byte[] json = "{\"id\":\"s-1\",\"stream\":\"fraud\",\"ts\":42,\"label\":{\"class\":1},\"extra\":[1,2]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(json)).isEqualTo(new LabelRecord("s-1", "fraud", Label.ofClass(1), 42));
    }

    @Test
    void errorsNameTheFieldAndTheKindOfProblem() {
        assertThatThrownBy(() -> codec.decode("{\"id\":\"a\",\"stream\":\"s\",\"label\":{\"class\":1}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> {
                    assertThat(e.error()).isEqualTo(DecodeError.MISSING_FIELD);
                    assertThat(e.getMessage()).contains("'ts'");
                });
        assertThatThrownBy(() -> codec.decode("{\"id\":\"a\",\"stream\":\"s\",\"ts\":1,\"label\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.MISSING_FIELD));
        assertThatThrownBy(() -> codec.decode("{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.MALFORMED));
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOfSatisfying(SampleDecodeException.class, e -> assertThat(e.error()).isEqualTo(DecodeError.EMPTY));
    }
}

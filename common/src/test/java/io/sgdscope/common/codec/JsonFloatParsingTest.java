package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The JSON reader's fast float path agrees bit for bit with {@link Float#parseFloat} on every
 * textual form a producer may send: shortest float digits, double digits, exact decimal
 * expansions, and long random digit strings (which exercise halfway rounding).
 */
class JsonFloatParsingTest {

    private final JsonSampleCodec json = new JsonSampleCodec();
    private final SplittableRandom rnd = new SplittableRandom(20261125);

    private void check(int batches, IntFunction<String> text) {
        for (int b = 0; b < batches; b++) {
            String[] texts = new String[64];
            StringBuilder doc = new StringBuilder("{\"id\":\"a\",\"stream\":\"s\",\"ts\":0,\"features\":[");
            for (int i = 0; i < texts.length; i++) {
                texts[i] = text.apply(i);
                doc.append(i == 0 ? "" : ",").append(texts[i]);
            }
            float[] parsed = json.decode(doc.append("]}").toString().getBytes(StandardCharsets.UTF_8)).features();
            for (int i = 0; i < texts.length; i++) {
                assertThat(Float.floatToRawIntBits(parsed[i])).as(texts[i])
                        .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(texts[i])));
            }
        }
    }

    private float randomFinite() {
        float f;
        do {
            f = Float.intBitsToFloat(rnd.nextInt());
        } while (!Float.isFinite(f));
        return f;
    }

    @Test
    void shortestFloatDigits() {
        check(2_000, i -> Float.toString(randomFinite()));
    }

    @Test
    void doubleDigits() {
        check(2_000, i -> Double.toString(randomFinite()));
    }

    @Test
    void exactDecimalExpansionsOfFloatsAndOfMidpoints() {
        check(300, i -> {
            float f = randomFinite();
            BigDecimal exact = new BigDecimal(f);
            // the midpoint to the next float rounds to even: the hardest case for a fast path
            return i % 2 == 0 ? exact.toString()
                    : exact.add(new BigDecimal(Math.ulp(f)).divide(BigDecimal.valueOf(2))).toString();
        });
    }

    @Test
    void longRandomDigitStrings() {
        check(2_000, i -> {
            StringBuilder s = new StringBuilder(rnd.nextBoolean() ? "-" : "");
            s.append(rnd.nextInt(10)).append('.');
            int digits = 1 + rnd.nextInt(30);
            for (int d = 0; d < digits; d++) {
                s.append(rnd.nextInt(10));
            }
            return s.append('e').append(rnd.nextInt(-50, 40)).toString();
        });
    }
}

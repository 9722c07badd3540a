package io.sgdscope.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Sample;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CodecRoundTripTest {

    private final SampleCodec json = new JsonSampleCodec();
    private final SampleCodec binary = new BinarySampleCodec();

    @Provide
    Arbitrary<Sample> samples() {
        return SampleArbitraries.samples();
    }

    @Property(tries = 500)
    void jsonRoundTripsEverySample(@ForAll("samples") Sample s) {
        assertThat(json.decode(json.encode(s))).isEqualTo(s);
    }

    @Property(tries = 500)
    void binaryRoundTripsEverySample(@ForAll("samples") Sample s) {
        assertThat(binary.decode(binary.encode(s))).isEqualTo(s);
    }

    @Property(tries = 200)
    void jsonAndBinaryAgree(@ForAll("samples") Sample s) {
        assertThat(binary.decode(binary.encode(json.decode(json.encode(s))))).isEqualTo(s);
    }

    @Property(tries = 200)
    void binaryIsSmallerThanJsonForDenseFeatures(@ForAll("samples") Sample s) {
        if (s.dimension() >= 8) {
            assertThat(binary.encode(s).length).isLessThan(json.encode(s).length);
        }
    }
}

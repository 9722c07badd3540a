package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceProviders;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every built-in generator promises: deterministic bytes per seed, its schema, valid labels. */
class GeneratorContractTest {

    private static SampleSource create(String type, long seed) {
        return SourceProviders.onClassPath().create(SourceContext.of(Map.of("type", type), "g", seed, () -> 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"teacher-linear", "gaussian-mixture", "teacher-mlp", "sparse-regression", "hyperplane", "sea",
            "rbf-drift", "sparse-parity", "spurious"})
    void equalSeedsGiveEqualBytesOtherSeedsOtherDataAndLabelsFitTheSchema(String type) {
        BinarySampleCodec codec = new BinarySampleCodec();
        try (SampleSource a = create(type, 5); SampleSource b = create(type, 5); SampleSource c = create(type, 6)) {
            boolean differs = false;
            for (int i = 0; i < 500; i++) {
                Sample x = a.next().orElseThrow();
                assertThat(codec.encode(x)).isEqualTo(codec.encode(b.next().orElseThrow()));
                differs |= !x.equals(c.next().orElseThrow());
                assertThat(x.dimension()).isEqualTo(a.schema().dimension());
                assertThat(x.stream()).isEqualTo("g");
                if (a.schema().isClassification()) {
                    assertThat(((Label.ClassIndex) x.label()).index()).isBetween(0, a.schema().classes() - 1);
                } else {
                    assertThat(x.label()).isInstanceOf(Label.RealTarget.class);
                }
                for (float f : x.features()) {
                    assertThat(Float.isFinite(f)).isTrue();
                }
            }
            assertThat(differs).isTrue();
        }
    }
}

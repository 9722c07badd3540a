package io.sgdscope.common.codec;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Samples covering every optional part (the index and the joined mark too) and every float, NaN and infinities included. */
final class SampleArbitraries {

    private SampleArbitraries() {
    }

    static Arbitrary<Sample> samples() {
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> streams = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Long> times = Arbitraries.longs();
        Arbitrary<float[]> features = Arbitraries.floats()
                .withSpecialValue(Float.NaN)
                .withSpecialValue(Float.POSITIVE_INFINITY)
                .withSpecialValue(Float.NEGATIVE_INFINITY)
                .withSpecialValue(-0.0f)
                .withSpecialValue(Float.MIN_VALUE)
                .withSpecialValue(Float.MAX_VALUE)
                .array(float[].class).ofMaxSize(80);
        Arbitrary<Label> labels = Arbitraries.oneOf(
                Arbitraries.integers().map(Label::ofClass),
                Arbitraries.doubles().map(Label::ofTarget));
        Arbitrary<GroundTruth> truths = Combinators.combine(labels, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(GroundTruth::new);
        Arbitrary<Long> indices = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Sample.NO_INDEX)),
                net.jqwik.api.Tuple.of(7, Arbitraries.longs().greaterOrEqual(0)));
        // joined only where there is a label: a joined sample without one is not a valid Sample
        return Combinators.combine(ids, streams, times, features,
                        labels.injectNull(0.3), truths.injectNull(0.3), indices, Arbitraries.of(true, false))
                .as((id, stream, ts, x, label, truth, index, joined) ->
                        new Sample(id, stream, ts, x, label, truth, index, joined && label != null));
    }
}

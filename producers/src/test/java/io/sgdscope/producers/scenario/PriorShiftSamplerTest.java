package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PriorShiftSamplerTest {

    /** A source that yields the given classes in order, then nothing; x[0] is the draw's position. */
    private static Supplier<Drawn> classes(int... cs) {
        Iterator<Integer> it = IntStream.of(cs).boxed().iterator();
        int[] n = {0};
        return () -> it.hasNext() ? new Drawn(new float[] {n[0]++}, new Label.ClassIndex(it.next())) : null;
    }

    private static int cls(Drawn d) {
        return ((Label.ClassIndex) d.clean()).index();
    }

    @Test
    void aCertainClassIsDrawnAndTheOthersAreKeptForLater() {
        Object source = new Object();
        Supplier<Drawn> draws = classes(0, 0, 1, 0);
        PriorShiftSampler onlyOne = new PriorShiftSampler(new SplittableRandom(1), "s");
        Drawn d = onlyOne.next(source, new double[] {0, 1}, draws, 1);
        assertThat(cls(d)).isEqualTo(1);
        assertThat(d.x()[0]).isEqualTo(2f);
        PriorShiftSampler onlyZero = new PriorShiftSampler(new SplittableRandom(1), "s");
        // a fresh sampler has no leftovers: it reads on from the source
        assertThat(onlyZero.next(source, new double[] {1, 1}, draws, 1).x()[0]).isEqualTo(3f);
    }

    @Test
    void leftoversAreServedFirstInTheOrderTheyCame() {
        Object source = new Object();
        Supplier<Drawn> draws = classes(0, 0, 1, 1, 1);
        PriorShiftSampler sampler = new PriorShiftSampler(new SplittableRandom(2), "s");
        assertThat(sampler.next(source, new double[] {0, 1}, draws, 1).x()[0]).isEqualTo(2f);
        List<Float> zeros = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            zeros.add(sampler.next(source, new double[] {1, 1}, draws, 1).x()[0]);
        }
        assertThat(zeros).containsExactly(0f, 1f);
        assertThat(sampler.next(source, new double[] {1, 1}, draws, 1)).as("source exhausted").isNull();
    }

    @Test
    void aClassThatNeverComesUpFailsNamingPhaseAndStream() {
        PriorShiftSampler sampler = new PriorShiftSampler(new SplittableRandom(3), "st");
        Supplier<Drawn> zeros = () -> new Drawn(new float[1], new Label.ClassIndex(0));
        assertThatThrownBy(() -> sampler.next(new Object(), new double[] {0, 1}, zeros, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("phase 4").hasMessageContaining("class 1").hasMessageContaining("'st'");
    }
}

package io.sgdscope.producers.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinearTeacherSourceTest {

    private static List<Sample> draw(long seed, int n) {
        LinearTeacherSource s = new LinearTeacherSource("t", 16, seed, () -> 7L);
        return IntStream.range(0, n).mapToObj(i -> s.next().orElseThrow()).toList();
    }

    @Test
    void equalSeedsGiveIdenticalStreamsAndOtherSeedsDiffer() {
        assertThat(draw(1, 50)).isEqualTo(draw(1, 50));
        assertThat(draw(1, 50)).isNotEqualTo(draw(2, 50));
    }

    @Test
    void labelsAreTheSignOfTheTeacherProjection() {
        LinearTeacherSource s = new LinearTeacherSource("t", 16, 3, () -> 0L);
        float[] w = s.teacher();
        for (int i = 0; i < 500; i++) {
            Sample x = s.next().orElseThrow();
            double dot = 0;
            for (int j = 0; j < w.length; j++) {
                dot += w[j] * x.features()[j];
            }
            assertThat(x.label()).isEqualTo(Label.ofClass(dot > 0 ? 1 : 0));
            assertThat(x.truth().cleanLabel()).isEqualTo(x.label());
            assertThat(x.truth().noisy()).isFalse();
        }
    }

    @Test
    void teacherIsAUnitVectorAndClassesAreBalanced() {
        LinearTeacherSource s = new LinearTeacherSource("t", 64, 9, () -> 0L);
        double norm = 0;
        for (float v : s.teacher()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        long ones = IntStream.range(0, 4000).filter(i -> ((Label.ClassIndex) s.next().orElseThrow().label()).index() == 1).count();
        assertThat(ones).isBetween(1800L, 2200L);
    }

    @Test
    void idsAreUniqueAndCarryTheStream() {
        List<Sample> xs = draw(5, 100);
        assertThat(xs).extracting(Sample::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("t-"));
        assertThat(xs).allMatch(x -> x.stream().equals("t") && x.eventTimeMs() == 7L && x.dimension() == 16);
    }
}

package io.sgdscope.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleTest {

    private final Sample indexed = new Sample("any-id", "s", 3L, new float[] {1f, 2f}, null, null, 12);

    @Test
    void theIndexIsAFieldAndNeverReadFromTheId() {
        Sample looksIndexed = new Sample("s-12", "s", 3L, new float[] {1f}, null, null);
        assertThat(looksIndexed.hasIndex()).isFalse();
        assertThat(looksIndexed.indexOr(99)).isEqualTo(99);
        assertThat(indexed.hasIndex()).isTrue();
        assertThat(indexed.indexOr(99)).isEqualTo(12);
    }

    @Test
    void copiesKeepTheIndex() {
        assertThat(indexed.withLabel(Label.ofClass(1)).index()).isEqualTo(12);
        Sample z = indexed.withFeatures(new float[] {0f, 0f});
        assertThat(z.index()).isEqualTo(12);
        assertThat(z.features()).containsExactly(0f, 0f);
        assertThat(z.id()).isEqualTo(indexed.id());
    }

    @Test
    void theIndexTakesPartInEquality() {
        Sample other = new Sample("any-id", "s", 3L, new float[] {1f, 2f}, null, null, 13);
        assertThat(indexed).isNotEqualTo(other);
        assertThat(indexed).isEqualTo(new Sample("any-id", "s", 3L, new float[] {1f, 2f}, null, null, 12));
    }

    @Test
    void rejectsNegativeIndicesOtherThanTheAbsentMarker() {
        assertThatThrownBy(() -> new Sample("a", "s", 0L, new float[0], null, null, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
    }
}

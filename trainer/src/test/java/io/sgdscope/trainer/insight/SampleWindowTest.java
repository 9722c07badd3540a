package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleWindowTest {

    private static Sample s(int i) {
        return new Sample("w-" + i, "w", i, new float[] {i}, Label.ofClass(0), null);
    }

    @Test
    void keepsTheLastCapacitySamplesOldestFirst() {
        SampleWindow w = new SampleWindow(4);
        assertThat(w.toArray()).isEmpty();
        for (int i = 0; i < 3; i++) {
            w.add(s(i));
        }
        assertThat(Arrays.stream(w.toArray()).map(Sample::id)).containsExactly("w-0", "w-1", "w-2");
        for (int i = 3; i < 10; i++) {
            w.add(s(i));
        }
        assertThat(w.size()).isEqualTo(4);
        assertThat(Arrays.stream(w.toArray()).map(Sample::id)).containsExactly("w-6", "w-7", "w-8", "w-9");
        w.clear();
        assertThat(w.size()).isZero();
    }

    @Test
    void aSnapshotIsNotChangedByLaterSamples() {
        SampleWindow w = new SampleWindow(2);
        w.add(s(0));
        w.add(s(1));
        Sample[] snap = w.toArray();
        w.add(s(2));
        assertThat(snap[0].id()).isEqualTo("w-0");
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new SampleWindow(0)).hasMessageContaining("capacity");
    }
}

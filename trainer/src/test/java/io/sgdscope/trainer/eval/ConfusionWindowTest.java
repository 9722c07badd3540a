package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConfusionWindowTest {

    @Test
    void countsOnlyTheLastWindowOfSamples() {
        ConfusionWindow w = new ConfusionWindow(3, 4);
        w.update(0, 0, 0);
        w.update(1, ConfusionWindow.UNKNOWN, 2);
        w.update(2, 1, 2);
        w.update(0, 0, 1);
        w.update(1, 1, 1);   // drops the first (0, 0, 0)
        ConfusionMatrix o = w.counts().observedMatrix();
        assertThat(o.total()).isEqualTo(4);
        assertThat(o.count(0, 0)).isZero();
        assertThat(o.count(0, 1)).isEqualTo(1);
        assertThat(o.count(1, 2)).isEqualTo(1);
        assertThat(o.count(2, 2)).isEqualTo(1);
        assertThat(o.count(1, 1)).isEqualTo(1);
        ConfusionMatrix c = w.counts().cleanMatrix();
        // the unknown clean label is not counted
        assertThat(c.total()).isEqualTo(3);
        assertThat(c.count(1, 2)).isEqualTo(1);
        assertThat(c.count(0, 1)).isEqualTo(1);
        assertThat(c.count(1, 1)).isEqualTo(1);
    }

    @Test
    void aCopyDoesNotChangeWithTheWindow() {
        ConfusionWindow w = new ConfusionWindow(2, 10);
        w.update(0, 0, 1);
        ConfusionWindow.Counts before = w.counts();
        w.update(1, 1, 1);
        assertThat(before.observedMatrix().total()).isEqualTo(1);
        assertThat(w.counts().observedMatrix().total()).isEqualTo(2);
    }

    @Test
    void refusesClassesOutsideTheModel() {
        ConfusionWindow w = new ConfusionWindow(2, 10);
        assertThatThrownBy(() -> w.update(2, 0, 0)).hasMessageContaining("observed class 2");
        assertThatThrownBy(() -> w.update(0, 0, -3)).hasMessageContaining("predicted class -3");
    }

    @Test
    void stateRoundTripsExactly() throws IOException {
        ConfusionWindow w = new ConfusionWindow(3, 5);
        int[][] rows = {{0, 0, 0}, {1, -1, 2}, {2, 1, 2}, {0, 0, 1}, {1, 1, 1}, {2, 2, 0}, {0, 1, 0}};
        for (int[] r : rows) {
            w.update(r[0], r[1], r[2]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeState(new DataOutputStream(bytes));
        ConfusionWindow back = new ConfusionWindow(3, 5);
        back.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.counts().observedMatrix()).isEqualTo(w.counts().observedMatrix());
        assertThat(back.counts().cleanMatrix()).isEqualTo(w.counts().cleanMatrix());
        // and both drop the same sample next
        w.update(1, 1, 0);
        back.update(1, 1, 0);
        assertThat(back.counts().observedMatrix()).isEqualTo(w.counts().observedMatrix());
        assertThat(back.counts().cleanMatrix()).isEqualTo(w.counts().cleanMatrix());
    }
}

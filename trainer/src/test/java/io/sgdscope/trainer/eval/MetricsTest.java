package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void threeCorrectOutOfFiveIsPointSix() {
        Mean accuracy = new Mean();
        for (double c : new double[] {1, 0, 1, 1, 0}) {
            accuracy.update(c);
        }
        assertThat(accuracy.value()).isCloseTo(0.6, Offset.offset(1e-12));
    }

    @Test
    void emptyMetricsAreNaN() {
        assertThat(new Mean().value()).isNaN();
        assertThat(new SlidingMean(3).value()).isNaN();
        assertThat(new FadingMean(0.5).value()).isNaN();
    }

    @Test
    void slidingMeanForgetsWhatLeftTheWindow() {
        SlidingMean m = new SlidingMean(3);
        m.update(1);
        m.update(2);
        assertThat(m.value()).isEqualTo(1.5);
        m.update(3);
        m.update(10);
        assertThat(m.value()).isCloseTo((2 + 3 + 10) / 3.0, Offset.offset(1e-12));
        for (int i = 0; i < 1000; i++) {
            m.update(0.1 * i);
        }
        assertThat(m.value()).isCloseTo((99.7 + 99.8 + 99.9) / 3, Offset.offset(1e-9));
    }

    @Test
    void fadingMeanMatchesItsClosedForm() {
        // after x1, x2 with alpha a: (x2 + a x1) / (1 + a)
        FadingMean m = new FadingMean(0.5);
        m.update(4);
        m.update(1);
        assertThat(m.value()).isCloseTo((1 + 0.5 * 4) / 1.5, Offset.offset(1e-12));
    }
}

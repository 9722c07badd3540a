package io.sgdscope.streams.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DriftMathTest {

    @Test
    void psiOfTwoKnownDistributions() {
        // p = (0.5, 0.5), q = (0.8, 0.2) with 10^6 counts: smoothing is negligible
        double psi = DriftMath.psi(new long[] {500_000, 500_000}, new long[] {800_000, 200_000});
        assertThat(psi).isCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), within(1e-5));
    }

    @Test
    void psiOverLabelMapsTreatsAMissingClassAsZero() {
        double psi = DriftMath.psi(Map.of("0", 10L, "1", 10L), Map.of("0", 10L, "1", 10L, "2", 0L));
        assertThat(psi).isZero();
        assertThat(DriftMath.psi(Map.of("0", 10L), Map.of("1", 10L))).isPositive().isFinite();
    }

    @Test
    void ksIsTheLargestCdfGap() {
        // CDFs (0.25, 0.5, 1) and (0, 0.5, 1): gap 0.25
        assertThat(DriftMath.ks(new long[] {1, 1, 2}, new long[] {0, 2, 2})).isCloseTo(0.25, within(1e-12));
        assertThat(DriftMath.ks(new long[] {5, 0}, new long[] {0, 5})).isEqualTo(1.0);
    }

    @Property(tries = 200)
    void psiAndKsAreZeroForIdenticalAndNonNegativeOtherwise(@ForAll @Size(min = 2, max = 12) long[] a,
                                                           @ForAll @Size(min = 2, max = 12) long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.floorMod(a[i], 1000);
        }
        long[] c = java.util.Arrays.copyOf(b, a.length);
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.floorMod(c[i], 1000);
        }
        assertThat(DriftMath.psi(a, a)).isCloseTo(0.0, within(1e-12));
        assertThat(DriftMath.ks(a, a)).isCloseTo(0.0, within(1e-12));
        assertThat(DriftMath.psi(a, c)).isGreaterThanOrEqualTo(-1e-12);
        assertThat(DriftMath.ks(a, c)).isBetween(0.0, 1.0);
    }

    @Property(tries = 100)
    void aWindowAggregateRoundTripsThroughItsSerde(@ForAll @LongRange(min = 0, max = 1L << 40) long start) {
        WindowAggregate w = new WindowAggregate(start, 3, 4, 2.0);
        w.add(new float[] {0.1f, -3f, 5f}, io.sgdscope.common.Label.ofClass(1));
        w.add(new float[] {1.1f, 0f, -5f}, io.sgdscope.common.Label.ofTarget(0.3));
        var serde = WindowAggregate.serde();
        WindowAggregate back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", w));
        assertThat(back.windowStartMs).isEqualTo(start);
        assertThat(back.count).isEqualTo(2);
        assertThat(back.mean).containsExactly(w.mean);
        assertThat(back.m2).containsExactly(w.m2);
        assertThat(back.histogram).containsExactly(w.histogram);
        assertThat(back.labels).isEqualTo(w.labels);
    }

    @Test
    void cellsCoverTheRangeWithOverflowOnBothSides() {
        WindowAggregate w = new WindowAggregate(0, 1, 4, 2.0);
        assertThat(w.cell(-2.01)).isZero();
        assertThat(w.cell(-2.0)).isEqualTo(1);
        assertThat(w.cell(-0.01)).isEqualTo(2);
        assertThat(w.cell(0.0)).isEqualTo(3);
        assertThat(w.cell(1.99)).isEqualTo(4);
        assertThat(w.cell(2.0)).isEqualTo(5);
    }
}

package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.producers.scenario.LabelDelaySpec.Delay;
import io.sgdscope.producers.scenario.LabelDelaySpec.Kind;
import io.sgdscope.producers.scenario.LabelDelaySpec.Unit;
import io.sgdscope.producers.scenario.LabelSchedule.AfterIndex;
import io.sgdscope.producers.scenario.LabelSchedule.AtTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The label schedule, closed form where it is fixed and against its distribution's moments where it is random. */
class LabelScheduleTest {

    private static final int N = 100_000;
    private static final long T0 = 1_700_000_000_000L;

    private static LabelDelaySpec spec(Kind kind, Unit unit, double a, double b, double never) {
        return new LabelDelaySpec("labels", new Delay(kind, unit, a, b), never);
    }

    /** The delays of N samples, sample i at T0 + 10 i, in samples or ms; -1 for a label that never comes. */
    private static List<Long> delays(LabelDelaySpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Long> out = new ArrayList<>(N);
        for (long i = 0; i < N; i++) {
            LabelSchedule.Due due = LabelSchedule.due(spec, i, T0 + 10 * i, rng);
            out.add(due instanceof LabelSchedule.Never ? -1L
                    : due instanceof AfterIndex a ? a.index() - i : ((AtTime) due).timeMs() - (T0 + 10 * i));
        }
        return out;
    }

    private static double mean(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    @Test
    void aFixedDelayOfDSamplesMakesTheLabelOfIDueAtIPlusD() {
        SplittableRandom rng = new SplittableRandom(1);
        LabelDelaySpec fixed = spec(Kind.FIXED, Unit.SAMPLES, 200, 0, 0);
        for (long i : new long[] {0, 1, 17, 1_000_000}) {
            assertThat(LabelSchedule.due(fixed, i, T0, rng)).isEqualTo(new AfterIndex(i + 200));
        }
        assertThat(rng.nextLong()).as("a fixed delay draws nothing").isEqualTo(new SplittableRandom(1).nextLong());
    }

    @Test
    void aFixedTimeDelayMakesTheLabelDueAtTheSampleTimePlusTheDelay() {
        LabelDelaySpec fixed = spec(Kind.FIXED, Unit.MILLIS, 2_000, 0, 0);
        assertThat(LabelSchedule.due(fixed, 5, T0 + 7, new SplittableRandom(1))).isEqualTo(new AtTime(T0 + 2_007));
    }

    @Test
    void noDelayKeepsTheLabelWithItsSample() {
        assertThat(LabelSchedule.due(LabelDelaySpec.NONE, 3, T0, new SplittableRandom(1)))
                .isInstanceOf(LabelSchedule.WithSample.class);
    }

    @Test
    void uniformDelaysCoverTheirBoundsWithTheMidpointMean() {
        for (Unit unit : Unit.values()) {
            List<Long> d = delays(spec(Kind.UNIFORM, unit, 100, 400, 0), 3);
            assertThat(d).allMatch(x -> x >= 100 && x <= 400).contains(100L, 400L);
            // a discrete uniform on 301 values: variance (301^2 - 1) / 12
            double sd = Math.sqrt((301.0 * 301 - 1) / 12);
            assertThat(mean(d)).as("%s", unit).isCloseTo(250, within(ScenarioFixture.meanTolerance(sd, N)));
        }
    }

    @Test
    void exponentialDelaysHaveTheirMean() {
        double mu = 50;
        List<Long> ms = delays(spec(Kind.EXPONENTIAL, Unit.MILLIS, mu, 0, 0), 4);
        assertThat(ms).allMatch(x -> x >= 0);
        assertThat(mean(ms)).isCloseTo(mu, within(ScenarioFixture.meanTolerance(mu, N) + 0.5));
        // in samples: ceil of the draw, a geometric variable with p = 1 - exp(-1/mu), mean 1/p, sd sqrt(1-p)/p
        List<Long> samples = delays(spec(Kind.EXPONENTIAL, Unit.SAMPLES, mu, 0, 0), 5);
        double p = 1 - Math.exp(-1 / mu);
        assertThat(samples).allMatch(x -> x >= 1);
        assertThat(mean(samples)).isCloseTo(1 / p, within(ScenarioFixture.meanTolerance(Math.sqrt(1 - p) / p, N)));
    }

    @Test
    void theNeverShareIsWithinBinomialBounds() {
        double never = 0.05;
        SplittableRandom rng = new SplittableRandom(6);
        LabelDelaySpec spec = spec(Kind.FIXED, Unit.SAMPLES, 10, 0, never);
        long dropped = 0;
        for (long i = 0; i < N; i++) {
            if (LabelSchedule.due(spec, i, T0, rng) instanceof LabelSchedule.Never) {
                dropped++;
            }
        }
        assertThat((double) dropped / N).isCloseTo(never, within(ScenarioFixture.tolerance(never, N)));
    }

    @Test
    void aShareOfTheArrivingLabelsIsDelayedAndTheRestTravelWithTheirSamples() {
        double never = 0.1;
        double share = 0.5;
        SplittableRandom rng = new SplittableRandom(8);
        LabelDelaySpec spec = new LabelDelaySpec("labels", new Delay(Kind.FIXED, Unit.SAMPLES, 10, 0, share), never);
        long withSample = 0;
        long delayed = 0;
        for (long i = 0; i < N; i++) {
            LabelSchedule.Due due = LabelSchedule.due(spec, i, T0, rng);
            if (due instanceof LabelSchedule.WithSample) {
                withSample++;
            } else if (due instanceof AfterIndex a) {
                assertThat(a.index()).isEqualTo(i + 10);
                delayed++;
            }
        }
        double p = (1 - never) * share;
        assertThat((double) delayed / N).isCloseTo(p, within(ScenarioFixture.tolerance(p, N)));
        assertThat((double) withSample / N).isCloseTo((1 - never) * (1 - share),
                within(ScenarioFixture.tolerance((1 - never) * (1 - share), N)));
    }

    @Test
    void equalSeedsGiveEqualSchedules() {
        LabelDelaySpec spec = spec(Kind.EXPONENTIAL, Unit.SAMPLES, 30, 0, 0.1);
        assertThat(delays(spec, 9).subList(0, 1000)).isEqualTo(delays(spec, 9).subList(0, 1000));
        assertThat(delays(spec, 9).subList(0, 1000)).isNotEqualTo(delays(spec, 10).subList(0, 1000));
    }
}

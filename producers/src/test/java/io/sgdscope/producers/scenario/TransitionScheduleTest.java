package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.DriftEvent.Transition;
import io.sgdscope.producers.scenario.TransitionSchedule.Mixing;
import io.sgdscope.producers.scenario.TransitionSchedule.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule alone: closed-form mixings and events per transition kind, no sources, no Kafka. */
class TransitionScheduleTest {

    private static final float[] TEACHER_1 = {1f, 2f};

    private static PhaseSpec first() {
        return phase(0, 0, null, Transition.ABRUPT, 0, 0);
    }

    private static PhaseSpec phase(int id, long start, Duration startTime, Transition tr, long width, long period) {
        return new PhaseSpec(id, "phases[" + id + "]", start, startTime, tr, width, period, null, new double[] {0.5, 0.5},
                Map.of(), Map.of(), null);
    }

    private static TransitionSchedule schedule(PhaseSpec... phases) {
        return new TransitionSchedule("s", List.of(phases), id -> id == 1 ? TEACHER_1 : null);
    }

    /** Advances through samples 0..n-1 at 10 ms each and returns every step. */
    private static List<Step> run(TransitionSchedule s, int n) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(s.advance(i, 10L * i, 1_000 + 10L * i));
        }
        return steps;
    }

    private static List<DriftEvent> events(List<Step> steps) {
        return steps.stream().flatMap(st -> st.events().stream()).toList();
    }

    @Test
    void theFirstSampleStartsPhaseZero() {
        Step step = schedule(first()).advance(0, 0, 1_000);
        assertThat(step.mixing()).isEqualTo(Mixing.steady(0));
        assertThat(step.events()).containsExactly(new DriftEvent("s", 0, 1_000, DriftEvent.Kind.START, 0,
                Transition.ABRUPT, 0, 0, null));
    }

    @Test
    void abruptSwitchesAtItsStartWithOneEvent() {
        List<Step> steps = run(schedule(first(), phase(1, 5, null, Transition.ABRUPT, 0, 0)), 10);
        for (int i = 0; i < 10; i++) {
            assertThat(steps.get(i).mixing()).as("sample %d", i).isEqualTo(Mixing.steady(i < 5 ? 0 : 1));
        }
        DriftEvent e = events(steps).get(1);
        assertThat(events(steps)).hasSize(2);
        assertThat(steps.get(5).events()).containsExactly(e);
        assertThat(e.sampleIndex()).isEqualTo(5);
        assertThat(e.timeMs()).isEqualTo(1_050);
        assertThat(e.kind()).isEqualTo(DriftEvent.Kind.PRIOR);
        assertThat(e.gradualStartIndex()).isEqualTo(5);
        assertThat(e.gradualEndIndex()).isEqualTo(5);
        assertThat(e.teacherWeights()).containsExactly(TEACHER_1);
    }

    @Test
    void gradualFollowsTheSigmoidOverItsWidthThenStays() {
        long start = 100;
        long width = 40;
        List<Step> steps = run(schedule(first(), phase(1, start, null, Transition.GRADUAL, width, 0)), 200);
        for (long t = 0; t < width; t++) {
            Mixing m = steps.get((int) (start + t)).mixing();
            assertThat(m.from()).isZero();
            assertThat(m.to()).isEqualTo(1);
            assertThat(m.interpolates()).isFalse();
            assertThat(m.toProbability()).as("t=%d", t).isCloseTo(1 / (1 + Math.exp(-4.0 * (t - width / 2.0) / width)),
                    within(1e-12));
        }
        assertThat(steps.get((int) (start + width / 2)).mixing().toProbability()).isCloseTo(0.5, within(1e-12));
        assertThat(steps.get((int) (start + width)).mixing()).isEqualTo(Mixing.steady(1));
        assertThat(steps.get(199).mixing()).isEqualTo(Mixing.steady(1));
        DriftEvent e = events(steps).get(1);
        assertThat(e.transition()).isEqualTo(Transition.GRADUAL);
        assertThat(e.gradualStartIndex()).isEqualTo(start);
        assertThat(e.gradualEndIndex()).isEqualTo(start + width);
    }

    @Test
    void incrementalInterpolatesLinearlyOverItsWidth() {
        List<Step> steps = run(schedule(first(), phase(1, 10, null, Transition.INCREMENTAL, 8, 0)), 30);
        for (int t = 0; t < 8; t++) {
            assertThat(steps.get(10 + t).mixing()).isEqualTo(new Mixing(0, 1, t / 8.0, true));
        }
        assertThat(steps.get(9).mixing()).isEqualTo(Mixing.steady(0));
        assertThat(steps.get(18).mixing()).isEqualTo(Mixing.steady(1));
        assertThat(events(steps).get(1).gradualEndIndex()).isEqualTo(18);
    }

    @Test
    void recurringAlternatesEveryPeriodAndReportsEverySwitch() {
        List<Step> steps = run(schedule(first(), phase(1, 10, null, Transition.RECURRING, 0, 5)), 32);
        for (int i = 0; i < 32; i++) {
            int expected = i < 10 ? 0 : ((i - 10) / 5) % 2 == 0 ? 1 : 0;
            assertThat(steps.get(i).mixing()).as("sample %d", i).isEqualTo(Mixing.steady(expected));
        }
        List<DriftEvent> events = events(steps);
        assertThat(events).extracting(DriftEvent::sampleIndex).containsExactly(0L, 10L, 15L, 20L, 25L, 30L);
        assertThat(events).extracting(DriftEvent::phase).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(events.subList(1, 6)).allMatch(e -> e.transition() == Transition.RECURRING
                && e.kind() == DriftEvent.Kind.PRIOR && e.gradualEndIndex() == e.sampleIndex());
        assertThat(events.get(2).teacherWeights()).isNull();
        assertThat(events.get(3).teacherWeights()).containsExactly(TEACHER_1);
    }

    @Test
    void timeStartsBeginAtTheFirstSampleAtOrAfterTheirTimeAndMayCoincide() {
        TransitionSchedule s = schedule(first(), phase(1, -1, Duration.ofMillis(50), Transition.ABRUPT, 0, 0),
                phase(2, -1, Duration.ofMillis(60), Transition.ABRUPT, 0, 0));
        assertThat(s.advance(0, 0, 1_000).mixing()).isEqualTo(Mixing.steady(0));
        assertThat(s.advance(1, 49, 1_049).events()).isEmpty();
        Step late = s.advance(2, 75, 1_075);
        assertThat(late.events()).extracting(DriftEvent::phase).containsExactly(1, 2);
        assertThat(late.events()).extracting(DriftEvent::sampleIndex).containsExactly(2L, 2L);
        assertThat(late.mixing()).isEqualTo(Mixing.steady(2));
    }

    @Test
    void theSameCallsGiveTheSameSteps() {
        PhaseSpec[] phases = {first(), phase(1, 7, null, Transition.GRADUAL, 6, 0), phase(2, 20, null, Transition.RECURRING, 0, 3)};
        assertThat(run(schedule(phases), 40)).isEqualTo(run(schedule(phases), 40));
    }
}

package io.sgdscope.producers.scenario;

import static io.sgdscope.producers.scenario.ScenarioFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.codec.BinarySampleCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TruthEventsTest {

    private static final String THREE_PHASES = """
            source: { type: sea }
            phases:
              - noise: { type: symmetric, rate: 0.1 }
              - start: 1000
                shift: { concept: { function: 2 } }
              - start: 2500
                shift: { covariate: { mean: 1 } }
            """;

    @Test
    void eachEventAppearsAtTheExactSampleIndexBeforeThatSample() {
        var r = run(THREE_PHASES, 1, 4000);
        assertThat(r.events()).extracting(DriftEvent::sampleIndex).containsExactly(0L, 1000L, 2500L);
        assertThat(r.events()).extracting(DriftEvent::phase).containsExactly(0, 1, 2);
        assertThat(r.events()).extracting(DriftEvent::kind)
                .containsExactly(DriftEvent.Kind.START, DriftEvent.Kind.CONCEPT, DriftEvent.Kind.COVARIATE);
        assertThat(r.indexAtEvent()).containsExactly(0L, 1000L, 2500L);
        for (DriftEvent e : r.events()) {
            int i = (int) e.sampleIndex();
            assertThat(r.phase(i)).isEqualTo(e.phase());
            if (i > 0) {
                assertThat(r.phase(i - 1)).isEqualTo(e.phase() - 1);
            }
            assertThat(e.gradualStartIndex()).isEqualTo(e.sampleIndex());
            assertThat(e.gradualEndIndex()).isEqualTo(e.sampleIndex());
            assertThat(e.stream()).isEqualTo("s");
            assertThat(e.transition()).isEqualTo(DriftEvent.Transition.ABRUPT);
        }
        assertThat(r.samples()).extracting(x -> x.id()).startsWith("s-0", "s-1");
    }

    @Test
    void samplesCarryTheirPositionInTheNumberingOfTheTruth() {
        var r = run(THREE_PHASES, 1, 4000);
        for (int i = 0; i < r.samples().size(); i++) {
            assertThat(r.samples().get(i).index()).as("sample %d", i).isEqualTo(i);
        }
        for (DriftEvent e : r.events()) {
            var first = r.samples().get((int) e.sampleIndex());
            assertThat(first.index()).isEqualTo(e.sampleIndex());
            assertThat(first.truth().phase()).isEqualTo(e.phase());
        }
    }

    @Test
    void recurringPhasesAlternateAndEverySwitchIsReported() {
        var r = run("""
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 1000
                    transition: recurring
                    period: 500
                    shift: { concept: { function: 4 } }
                """, 2, 3000);
        assertThat(r.events()).extracting(DriftEvent::sampleIndex).containsExactly(0L, 1000L, 1500L, 2000L, 2500L);
        assertThat(r.events()).extracting(DriftEvent::phase).containsExactly(0, 1, 0, 1, 0);
        assertThat(r.events().subList(1, 5)).allMatch(e -> e.transition() == DriftEvent.Transition.RECURRING);
        for (int i = 0; i < 3000; i++) {
            int expected = i < 1000 ? 0 : ((i - 1000) / 500) % 2 == 0 ? 1 : 0;
            assertThat(r.phase(i)).as("phase of sample %d", i).isEqualTo(expected);
        }
    }

    @Test
    void aTimeStartBeginsWithTheFirstSampleAtOrAfterThatTime() {
        AtomicLong clock = new AtomicLong(5_000);
        var r = run("""
                source: { type: teacher-linear }
                phases:
                  - start: 0
                  - start: 1s
                    shift: { covariate: { scale: 2 } }
                """, 3, 300, () -> clock.getAndAdd(10));
        assertThat(r.events()).extracting(DriftEvent::sampleIndex).containsExactly(0L, 100L);
        assertThat(r.events().get(1).timeMs()).isEqualTo(6_000L);
        assertThat(r.phase(99)).isZero();
        assertThat(r.phase(100)).isEqualTo(1);
    }

    @Test
    void theScenarioStopsAtItsEnd() {
        var r = run("""
                scenario: { end: 1234 }
                source: { type: teacher-linear }
                """, 4, 5000);
        assertThat(r.samples()).hasSize(1234);
    }

    @Test
    void sameSeedGivesTheSameBytesAndEventsAndAnotherSeedDoes() {
        String yaml = """
                source: { type: teacher-mlp, dimension: 16, classes: 3 }
                phases:
                  - noise: { type: symmetric, rate: 0.2 }
                  - start: 700
                    transition: gradual
                    width: 400
                    shift: { concept: { teacher-seed: 99 }, prior: [0.5, 0.25, 0.25] }
                """;
        BinarySampleCodec codec = new BinarySampleCodec();
        var a = run(yaml, 21, 2000);
        var b = run(yaml, 21, 2000);
        var c = run(yaml, 22, 2000);
        List<byte[]> ab = a.samples().stream().map(codec::encode).toList();
        List<byte[]> bb = b.samples().stream().map(codec::encode).toList();
        List<byte[]> cb = c.samples().stream().map(codec::encode).toList();
        for (int i = 0; i < 2000; i++) {
            assertThat(ab.get(i)).isEqualTo(bb.get(i));
        }
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(ab.get(5)).isNotEqualTo(cb.get(5));
    }
}

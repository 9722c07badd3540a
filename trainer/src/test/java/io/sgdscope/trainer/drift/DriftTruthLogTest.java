package io.sgdscope.trainer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import org.junit.jupiter.api.Test;

class DriftTruthLogTest {

    private static DriftEvent event(String stream, long index) {
        return new DriftEvent(stream, index, 0, DriftEvent.Kind.CONCEPT, 1, DriftEvent.Transition.ABRUPT, index, index,
                null);
    }

    @Test
    void drainHandsOutEachEventOnceAndKeepsAPerStreamHistory() {
        DriftTruthLog log = new DriftTruthLog();
        log.offer(event("a", 10));
        log.offer(event("b", 20));
        assertThat(log.drain()).extracting(DriftEvent::sampleIndex).containsExactly(10L, 20L);
        assertThat(log.drain()).isEmpty();
        log.offer(event("a", 30));
        log.drain();
        assertThat(log.of("a")).extracting(DriftEvent::sampleIndex).containsExactly(10L, 30L);
        assertThat(log.of("c")).isEmpty();
    }

    @Test
    void historyIsBoundedPerStream() {
        DriftTruthLog log = new DriftTruthLog();
        for (int i = 0; i < DriftTruthLog.PER_STREAM + 5; i++) {
            log.offer(event("a", i));
        }
        log.drain();
        assertThat(log.of("a")).hasSize(DriftTruthLog.PER_STREAM);
        assertThat(log.of("a").get(0).sampleIndex()).isEqualTo(5);
    }
}

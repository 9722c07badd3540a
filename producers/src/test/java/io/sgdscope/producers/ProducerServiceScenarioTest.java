package io.sgdscope.producers;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProducerServiceScenarioTest {

    @Test
    void runsAScenarioToItsEndTracksThePhaseAndClosesTheTruthSink() {
        RawConfig raw = RawConfig.fromYaml(new ByteArrayInputStream("""
                scenario: { end: 3000 }
                source: { type: sea }
                phases:
                  - start: 0
                  - start: 1000
                    shift: { concept: { function: 2 } }
                  - start: 2000
                    shift: { concept: { function: 3 } }
                """.getBytes(StandardCharsets.UTF_8)), "s.yaml");
        List<DriftEvent> events = new ArrayList<>();
        AtomicBoolean truthClosed = new AtomicBoolean();
        ProduceConfig cfg = new ProduceConfig("sea", 3, 1, 0, 0);
        ScenarioSource source = ScenarioSource.open(raw, cfg, () -> 0L, events::add);
        ProducerServiceTest.CollectingSink sink = new ProducerServiceTest.CollectingSink();
        ProducerStats stats = new ProducerStats();
        AtomicLong nanos = new AtomicLong();
        new ProducerService(source, sink, RateLimiter.perSecond(0), 0, stats, Duration.ofSeconds(1),
                () -> nanos.addAndGet(1_000_000), List.of(() -> truthClosed.set(true))).run();
        assertThat(sink.sent).hasSize(3000);
        assertThat(stats.phase()).isEqualTo(2);
        assertThat(events).extracting(DriftEvent::sampleIndex).containsExactly(0L, 1000L, 2000L);
        assertThat(sink.closed).isTrue();
        assertThat(truthClosed).isTrue();
    }

    @Test
    void progressLineSaysCountRateAndPhase() {
        assertThat(ProducerService.progressLine("s", 12345, 2000.4, 3))
                .isEqualTo("stream s: 12,345 samples, 2,000 samples/s, phase 3");
    }
}

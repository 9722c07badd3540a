package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.config.RawConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {

    private final AtomicLong clock = new AtomicLong(50_000);
    private final AtomicInteger clockReads = new AtomicInteger();

    private SnapshotPolicy policy(String enabled, String everySteps, String minInterval) {
        InsightConfig config = InsightConfig.from(RawConfig.of(Map.of(InsightConfig.ENABLED, enabled,
                InsightConfig.EVERY_STEPS, everySteps, InsightConfig.MIN_INTERVAL, minInterval), "test"));
        return new SnapshotPolicy(config, () -> {
            clockReads.incrementAndGet();
            return clock.get();
        });
    }

    /** Steps from {@code from} to {@code to} inclusive with a full window; returns the steps that snapshot. */
    private static List<Long> run(SnapshotPolicy p, long from, long to) {
        List<Long> due = new ArrayList<>();
        for (long step = from; step <= to; step++) {
            if (p.afterStep(step, 10).isPresent()) {
                due.add(step);
            }
        }
        return due;
    }

    @Test
    void everyKStepsWithoutAMinimumInterval() {
        SnapshotPolicy p = policy("true", "10", "0s");
        assertThat(run(p, 1, 35)).containsExactly(10L, 20L, 30L);
        assertThat(clockReads).hasValue(3); // read only at multiples
    }

    @Test
    void theMinimumIntervalSkipsMultiplesThatComeTooSoonWithoutMakingThemUpLater() {
        SnapshotPolicy p = policy("true", "10", "5s");
        assertThat(p.afterStep(10, 10)).isEqualTo(OptionalLong.of(50_000));
        assertThat(run(p, 11, 100)).isEmpty();
        clock.addAndGet(4_999);
        assertThat(run(p, 101, 110)).isEmpty();
        clock.addAndGet(1);
        // 115 is no multiple; 120 is the first multiple at least 5 s after the last snapshot
        assertThat(p.afterStep(115, 10)).isEmpty();
        assertThat(p.afterStep(120, 10)).isEqualTo(OptionalLong.of(55_000));
    }

    @Test
    void aWindowOfFewerThanTwoSamplesOrDisabledMetricsTakeNone() {
        SnapshotPolicy p = policy("true", "5", "0s");
        assertThat(p.afterStep(5, 1)).isEmpty();
        // the skipped multiple is not made up at the next step
        assertThat(p.afterStep(6, 2)).isEmpty();
        assertThat(p.afterStep(10, 2)).isPresent();
        assertThat(run(policy("false", "1", "0s"), 1, 50)).isEmpty();
    }

    @Test
    void afterARestoreTheNextSnapshotIsAtTheNextMultiple() {
        SnapshotPolicy p = policy("true", "10", "0s");
        p.restoredAt(37);
        assertThat(run(p, 38, 60)).containsExactly(40L, 50L, 60L);
        SnapshotPolicy atMultiple = policy("true", "10", "0s");
        atMultiple.restoredAt(40);
        assertThat(run(atMultiple, 41, 50)).containsExactly(50L);
    }
}

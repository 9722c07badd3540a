package io.sgdscope.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void schedulesEventIAtStartPlusIOverRate() {
        RateLimiter r = new RateLimiter(100, now::get); // one event per 10 ms
        assertThat(r.nanosUntilNext()).isZero();
        r.acquire();
        assertThat(r.nanosUntilNext()).isEqualTo(10_000_000);
        now.addAndGet(4_000_000);
        assertThat(r.nanosUntilNext()).isEqualTo(6_000_000);
    }

    @Test
    void aLateCallerCatchesUpInABurst() {
        RateLimiter r = new RateLimiter(100, now::get);
        r.acquire();
        now.addAndGet(50_000_000); // 5 slots late
        for (int i = 0; i < 5; i++) {
            assertThat(r.nanosUntilNext()).isZero();
            r.acquire();
        }
        assertThat(r.nanosUntilNext()).isEqualTo(10_000_000);
    }

    @Test
    void zeroMeansUnlimitedAndNegativeIsRejected() {
        RateLimiter r = new RateLimiter(0, now::get);
        for (int i = 0; i < 1000; i++) {
            r.acquire();
        }
        assertThat(r.nanosUntilNext()).isZero();
        assertThatThrownBy(() -> new RateLimiter(-1, now::get)).hasMessageContaining("rate must be >= 0");
    }
}

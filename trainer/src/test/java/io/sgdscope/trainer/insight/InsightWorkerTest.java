package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InsightWorkerTest {

    @Test
    void aWaitingSnapshotIsReplacedByANewerOneAndSubmitNeverBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (InsightWorker worker = new InsightWorker()) {
            worker.submit("a", () -> {
                started.countDown();
                waitFor(release);
                ran.add("a1");
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // the worker is busy: these wait, and each newer "a" replaces the waiting one
            worker.submit("a", () -> ran.add("a2"));
            worker.submit("b", () -> ran.add("b1"));
            worker.submit("a", () -> ran.add("a3"));
            assertThat(worker.superseded()).isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.computed() == 3);
            // "a" kept its place in the queue: the replacement runs where the replaced one would have
            assertThat(ran).containsExactly("a1", "a3", "b1");
        }
    }

    @Test
    void aFailingComputationIsCountedAndTheWorkerGoesOn() {
        try (InsightWorker worker = new InsightWorker()) {
            worker.submit("x", () -> {
                throw new IllegalStateException("boom");
            });
            worker.submit("y", () -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.computed() == 1 && worker.failed() == 1);
            assertThat(worker.busySeconds()).isGreaterThanOrEqualTo(0);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

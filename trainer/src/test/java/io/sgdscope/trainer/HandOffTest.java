package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandOffTest {

    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(60);
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOther() {
        other.shutdownNow();
    }

    @Test
    void batchesAndEventsComeOutInTheOrderTheyWereHanded() throws Exception {
        HandOff<String, String> h = new HandOff<>(2);
        assertThat(h.offer("b1", 3, 0)).isEqualTo(HandOff.Offered.HANDED);
        assertThat(h.event("e1")).isTrue();
        assertThat(h.offer("b2", 4, 0)).isEqualTo(HandOff.Offered.HANDED);
        assertThat(h.event("e2")).isTrue();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HandOff.Item<String, String> item = h.take();
            out.add(item.batch() != null ? item.batch() : item.event());
        }
        assertThat(out).containsExactly("b1", "e1", "b2", "e2");
        assertThat(h.pendingRecords()).isEqualTo(7);
        h.trained(3);
        assertThat(h.pendingRecords()).isEqualTo(4);
    }

    @Test
    void aFullHandOffRefusesBatchesUntilOneIsTakenButNeverEvents() throws Exception {
        HandOff<String, String> h = new HandOff<>(1);
        assertThat(h.offer("b1", 1, 0)).isEqualTo(HandOff.Offered.HANDED);
        assertThat(h.offer("b2", 1, TimeUnit.MILLISECONDS.toNanos(5))).isEqualTo(HandOff.Offered.FULL);
        // a rebalance callback waits for its event's outcome: it must get in however full the hand-off is
        assertThat(h.event("revoked")).isTrue();
        Future<HandOff.Offered> waiting = other.submit(() -> h.offer("b2", 1, LONG_WAIT));
        assertThat(h.take().batch()).isEqualTo("b1");
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(HandOff.Offered.HANDED);
        assertThat(h.take().event()).isEqualTo("revoked");
        assertThat(h.take().batch()).isEqualTo("b2");
    }

    @Test
    void closingWakesAWaitingPollerAndAWaitingTrainer() throws Exception {
        HandOff<String, String> full = new HandOff<>(1);
        full.offer("b1", 1, 0);
        Future<HandOff.Offered> poller = other.submit(() -> full.offer("b2", 1, LONG_WAIT));
        CompletableFuture<HandOff.Item<String, String>> trainer = new CompletableFuture<>();
        HandOff<String, String> empty = new HandOff<>(1);
        Thread t = new Thread(() -> {
            try {
                trainer.complete(empty.take());
            } catch (Throwable e) {
                trainer.completeExceptionally(e);
            }
        });
        t.start();
        full.close();
        empty.close();
        assertThat(poller.get(30, TimeUnit.SECONDS)).isEqualTo(HandOff.Offered.CLOSED);
        assertThat(trainer.get(30, TimeUnit.SECONDS)).isNull();
        t.join();
    }

    @Test
    void afterClosingNothingIsHandedAndTheEventsNotTakenAreDrainedInOrder() throws Exception {
        HandOff<String, String> h = new HandOff<>(3);
        h.offer("b1", 5, 0);
        h.event("assigned");
        h.offer("b2", 5, 0);
        h.event("revoked");
        assertThat(h.take().batch()).isEqualTo("b1");
        h.close();
        assertThat(h.take()).isNull();
        assertThat(h.offer("b3", 1, 0)).isEqualTo(HandOff.Offered.CLOSED);
        assertThat(h.event("lost")).isFalse();
        // the batches not taken are dropped untrained; the events are still answered by the trainer
        assertThat(h.drainClosed()).containsExactly("assigned", "revoked");
        assertThat(h.drainClosed()).isEmpty();
        assertThat(h.pendingRecords()).isZero();
    }

    @Test
    void capacityIsValidated() {
        assertThatThrownBy(() -> new HandOff<String, String>(0)).hasMessageContaining(">= 1");
    }
}

package io.sgdscope.trainer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.trainer.model.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueuedPredictionSinkTest {

    static PredictionRecord record(int i) {
        return new PredictionRecord("s-" + i, "t", "sgd", i, Prediction.ofProbabilities(0.25, 0.75), i, i, false);
    }

    /** Collects what it is handed, and how much it had when it was flushed. */
    static final class Collecting implements PredictionSink {
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> sizeAtFlush = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(PredictionRecord r) {
            ids.add(r.sampleId());
        }

        @Override
        public void flush() {
            sizeAtFlush.add(ids.size());
        }
    }

    @Test
    void everyPredictionReachesTheTargetInOrderAndFlushWaitsForThem() {
        Collecting target = new Collecting();
        List<String> expected = new ArrayList<>();
        try (QueuedPredictionSink sink = new QueuedPredictionSink(target, 64, Thread::new)) {
            for (int i = 0; i < 20_000; i++) {
                sink.accept(record(i));
                expected.add("s-" + i);
            }
            sink.flush();
            // flush returns only after everything accepted before it was handed on, then flushes the target
            assertThat(target.sizeAtFlush).containsExactly(20_000);
            assertThat(sink.queued()).isZero();
        }
        assertThat(target.ids).containsExactlyElementsOf(expected);
    }

    @Test
    void aFullQueueMakesTheCallerWaitInsteadOfDroppingAPrediction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handed = new AtomicInteger();
        PredictionSink slow = r -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handed.incrementAndGet();
        };
        try (QueuedPredictionSink sink = new QueuedPredictionSink(slow, 2, Thread::new)) {
            Thread caller = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    sink.accept(record(i));
                }
            });
            caller.start();
            // the worker holds one, the queue two: the caller blocks on the fourth
            await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
            assertThat(handed.get()).isZero();
            release.countDown();
            caller.join(10_000);
            sink.flush();
            assertThat(handed.get()).isEqualTo(10);
        }
    }

    @Test
    void closeHandsOnWhatIsStillQueued() {
        Collecting target = new Collecting();
        QueuedPredictionSink sink = new QueuedPredictionSink(target, 1_000, Thread::new);
        for (int i = 0; i < 500; i++) {
            sink.accept(record(i));
        }
        sink.close();
        assertThat(target.ids).hasSize(500);
    }

    @Test
    void aThrowingTargetDoesNotStopTheQueue() {
        Collecting after = new Collecting();
        PredictionSink flaky = r -> {
            if (r.step() % 2 == 0) {
                throw new IllegalStateException("broker gone");
            }
            after.accept(r);
        };
        try (QueuedPredictionSink sink = new QueuedPredictionSink(flaky, 16, Thread::new)) {
            for (int i = 0; i < 100; i++) {
                sink.accept(record(i));
            }
            sink.flush();
        }
        assertThat(after.ids).hasSize(50);
    }
}

package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InsightWorkerTest {

    static final ModelSpec SPEC = ModelSpec.parse("linear:2-2");

    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** Makes inspectors whose executor counts its closes: an inspector closes its executor. */
    private final Supplier<ModelInspector> inspectors = () -> {
        created.incrementAndGet();
        return new ModelInspector(SPEC, new CountingExecutor(new FastExecutor(SPEC), closed), InsightConfig.defaults(), 1);
    };

    private static ModelSnapshot snapshot(String model, long step) {
        Sample[] window = {
            new Sample("s-0", "s", 0, new float[] {1, 0}, Label.ofClass(0), null),
            new Sample("s-1", "s", 1, new float[] {0, 1}, Label.ofClass(1), null)};
        return new ModelSnapshot(model, "s", SPEC, step, step, 0, 0.1, 0.01, SPEC.initialParams(3), window, null, null);
    }

    @Test
    void aWaitingSnapshotIsReplacedByANewerOneAndSubmitNeverBlocks() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        Consumer<InsightReport> record = r -> ran.add(r.model() + r.step());
        try (InsightWorker worker = new InsightWorker()) {
            worker.submit(snapshot("a", 1), inspectors, r -> {
                started.countDown();
                waitFor(release);
                record.accept(r);
            });
            assertThat(waitFor(started)).isTrue();
            // the worker is busy: these wait, and each newer "a" replaces the waiting one
            worker.submit(snapshot("a", 2), inspectors, record);
            worker.submit(snapshot("b", 1), inspectors, record);
            worker.submit(snapshot("a", 3), inspectors, record);
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
            worker.submit(snapshot("x", 1), () -> {
                throw new IllegalStateException("boom");
            }, r -> { });
            worker.submit(snapshot("y", 1), inspectors, r -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.computed() == 1 && worker.failed() == 1);
            assertThat(worker.busySeconds()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void eachModelGetsOneInspectorClosedWhenTheModelIsReleasedOrTheWorkerCloses() {
        InsightWorker worker = new InsightWorker();
        worker.submit(snapshot("a", 1), inspectors, r -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.computed() == 1);
        worker.submit(snapshot("a", 2), inspectors, r -> { });
        worker.submit(snapshot("b", 1), inspectors, r -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.computed() == 3);
        assertThat(created).hasValue(2);
        assertThat(closed).hasValue(0);

        worker.release(ModelSnapshot.key("a", "s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 1);
        worker.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 2);
        assertThat(created).hasValue(2);
    }

    @Test
    void theInlineRunnerKeepsTheSameLifecycleOnTheCallersThread() {
        List<Long> steps = new CopyOnWriteArrayList<>();
        InsightRunner runner = InsightRunner.inline();
        runner.submit(snapshot("a", 1), inspectors, r -> steps.add(r.step()));
        runner.submit(snapshot("a", 2), inspectors, r -> steps.add(r.step()));
        assertThat(steps).containsExactly(1L, 2L);
        assertThat(created).hasValue(1);
        runner.release(ModelSnapshot.key("a", "s"));
        assertThat(closed).hasValue(1);
        runner.release(ModelSnapshot.key("a", "s"));
        runner.submit(snapshot("a", 3), inspectors, r -> steps.add(r.step()));
        assertThat(created).hasValue(2);
        runner.close();
        assertThat(closed).hasValue(2);
    }

    private static boolean waitFor(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Delegates to an executor and counts its closes. */
    private record CountingExecutor(ModelExecutor delegate, AtomicInteger closes) implements ModelExecutor {
        @Override
        public ModelSpec spec() {
            return delegate.spec();
        }

        @Override
        public void output(float[] params, float[] x, float[] out) {
            delegate.output(params, x, out);
        }

        @Override
        public double lossAndGradient(float[] params, Batch batch, float[] grad) {
            return delegate.lossAndGradient(params, batch, grad);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            delegate.close();
        }
    }
}

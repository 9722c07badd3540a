package io.sgdscope.trainer.insight;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Inspects on the caller's thread, keeping one inspector per model key. Used directly by tests
 * and replays, and by {@link InsightWorker} on its own thread. Not thread-safe.
 */
final class InlineInsightRunner implements InsightRunner {

    private final Map<String, ModelInspector> inspectors = new HashMap<>();

    @Override
    public void submit(ModelSnapshot snapshot, Supplier<ModelInspector> newInspector, Consumer<InsightReport> reports) {
        ModelInspector inspector = inspectors.computeIfAbsent(snapshot.key(), k -> newInspector.get());
        reports.accept(inspector.inspect(snapshot));
    }

    @Override
    public void release(String key) {
        ModelInspector inspector = inspectors.remove(key);
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    public void close() {
        inspectors.values().forEach(ModelInspector::close);
        inspectors.clear();
    }
}

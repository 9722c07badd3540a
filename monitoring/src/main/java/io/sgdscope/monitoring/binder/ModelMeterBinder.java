package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TAG_MODEL;
import static io.sgdscope.monitoring.MeterNames.TAG_STREAM;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sgdscope.trainer.ModelStats;
import java.util.function.ToDoubleFunction;

/**
 * The base of the binders of one model (a variant on a stream), as Micrometer's
 * {@code CacheMeterBinder} is of the cache binders: it holds the model's {@link ModelStats} and its
 * {@code model} and {@code stream} tags, and starts every meter from them; a subclass says in
 * {@link #bindTo} which meters there are, how each value is read, and any further tag
 * ({@code window}, {@code layer}, {@code detector}, ...).
 * <p>
 * Each meter is registered on the stats object and reads it through the function it is handed.
 * Micrometer holds that object weakly, so a value function must not capture the stats (or this
 * binder) itself: keep the subclasses' value functions static.
 */
public abstract class ModelMeterBinder implements MeterBinder {

    private final ModelStats stats;
    private final Tags tags;

    protected ModelMeterBinder(ModelStats stats) {
        this.stats = stats;
        this.tags = Tags.of(TAG_MODEL, stats.model(), TAG_STREAM, stats.stream());
    }

    /** How many layers and which detectors the model has, for meters registered per layer or per detector. */
    protected final ModelStats.Shape shape() {
        return stats.shape();
    }

    /** A gauge of this model, tagged with its model and stream; add tags, then register it. */
    protected final Gauge.Builder<ModelStats> gauge(String name, String description, ToDoubleFunction<ModelStats> value) {
        return Gauge.builder(name, stats, value).description(description).tags(tags);
    }

    /** A counter of this model that reads a monotonic count, tagged with its model and stream. */
    protected final FunctionCounter.Builder<ModelStats> counter(String name, String description,
                                                                ToDoubleFunction<ModelStats> count) {
        return FunctionCounter.builder(name, stats, count).description(description).tags(tags);
    }

    /** The model's stats, for hooks such as {@link ModelStats#onLatency}; never capture it in a value function. */
    protected final ModelStats stats() {
        return stats;
    }

    /** A timer of this model, tagged with its model and stream; add buckets, then register it. */
    protected final Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).tags(tags);
    }

    /** Reads a value of the model's latest snapshot, which the training thread replaces whole. */
    protected static ToDoubleFunction<ModelStats> snapshot(ToDoubleFunction<ModelStats.Snapshot> value) {
        return s -> value.applyAsDouble(s.snapshot());
    }
}

package io.sgdscope.producers.scenario;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SourceSchema;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Sends labels apart from their samples, as a scenario's {@code labels:} sections say: each
 * labelled sample of the inner source is asked its {@link LabelSchedule.Due}; a delayed one goes on
 * unlabelled and its label waits here until due, then goes to the label sink as a {@link LabelRecord}
 * (keyed by sample id on {@code labels.raw}); a never-labelled one goes on unlabelled and its label
 * is dropped. Before each sample is handed out, every label due by then is sent: one due after
 * index {@code n} once sample {@code n} has gone, with that next sample's event time; one due at a
 * time, with that time. When the inner source ends, or this one is closed, the labels still
 * waiting are sent at once (a sample-delayed one with the last sample's time), so every label
 * that was to arrive does.
 *
 * <p>The sample's ground truth stays as it is. Deterministic for a seed: the draws come from a
 * random stream of their own, so the samples themselves are those of the inner source, byte for byte.
 */
public final class DelayedLabelSource implements SampleSource {

    /** The {@link Seeds#derive} slot of the label schedule's random stream. */
    static final long SEED_SLOT = 300;

    /** A label waiting: due after sample {@code dueIndex} or at {@code dueTimeMs}; {@code order} breaks ties by sample. */
    private record Waiting(long dueIndex, long dueTimeMs, long order, LabelRecord label) {
    }

    private final SampleSource inner;
    private final List<LabelDelaySpec> phases;
    private final Consumer<LabelRecord> labels;
    private final SplittableRandom rng;
    private final PriorityQueue<Waiting> byIndex = new PriorityQueue<>(
            Comparator.comparingLong(Waiting::dueIndex).thenComparingLong(Waiting::order));
    private final PriorityQueue<Waiting> byTime = new PriorityQueue<>(
            Comparator.comparingLong(Waiting::dueTimeMs).thenComparingLong(Waiting::order));
    private long drawn;
    private long lastTimeMs;
    private long delayed;
    private long dropped;

    /**
     * @param phases the label spec of each phase, by phase id; a sample without ground truth is in phase 0
     * @param labels receives each label when it is due, on the thread that calls {@link #next()}
     */
    public DelayedLabelSource(SampleSource inner, List<LabelDelaySpec> phases, long seed, Consumer<LabelRecord> labels) {
        this.inner = inner;
        this.phases = List.copyOf(phases);
        this.labels = labels;
        this.rng = new SplittableRandom(Seeds.derive(seed, SEED_SLOT));
    }

    /** The scenario {@code source} with its labels sent apart as its spec's {@code labels:} sections say. */
    public DelayedLabelSource(ScenarioSource source, long seed, Consumer<LabelRecord> labels) {
        this(source, source.spec().labelDelays(), seed, labels);
    }

    @Override
    public SourceSchema schema() {
        return inner.schema();
    }

    @Override
    public Optional<Sample> next() {
        Optional<Sample> next = inner.next();
        if (next.isEmpty()) {
            sendAllWaiting();
            return next;
        }
        Sample s = next.get();
        long index = drawn++;
        lastTimeMs = s.eventTimeMs();
        sendDue(index, s.eventTimeMs());
        if (s.label() == null) {
            return next;
        }
        LabelDelaySpec spec = phases.get(s.truth() == null ? 0 : Math.min(s.truth().phase(), phases.size() - 1));
        LabelSchedule.Due due = LabelSchedule.due(spec, index, s.eventTimeMs(), rng);
        if (due instanceof LabelSchedule.WithSample) {
            return next;
        }
        if (due instanceof LabelSchedule.Never) {
            dropped++;
        } else {
            delayed++;
            LabelRecord label = new LabelRecord(s.id(), s.stream(), s.label(), s.eventTimeMs());
            if (due instanceof LabelSchedule.AfterIndex a) {
                byIndex.add(new Waiting(a.index(), 0, index, label));
            } else {
                byTime.add(new Waiting(0, ((LabelSchedule.AtTime) due).timeMs(), index, label));
            }
        }
        return Optional.of(s.withLabel(null));
    }

    /** Sends, before sample {@code index} at {@code timeMs}, the labels due after an earlier index or by that time. */
    private void sendDue(long index, long timeMs) {
        while (!byIndex.isEmpty() && byIndex.peek().dueIndex() < index) {
            send(byIndex.poll().label(), timeMs);
        }
        while (!byTime.isEmpty() && byTime.peek().dueTimeMs() <= timeMs) {
            Waiting w = byTime.poll();
            send(w.label(), w.dueTimeMs());
        }
    }

    /** Sends every waiting label: those due after an index with the last sample's time, the others at their time. */
    private void sendAllWaiting() {
        while (!byIndex.isEmpty()) {
            send(byIndex.poll().label(), lastTimeMs);
        }
        while (!byTime.isEmpty()) {
            Waiting w = byTime.poll();
            send(w.label(), w.dueTimeMs());
        }
    }

    /** @param timeMs when the label became known; never before its sample */
    private void send(LabelRecord label, long timeMs) {
        long knownAt = Math.max(timeMs, label.eventTimeMs());
        labels.accept(new LabelRecord(label.sampleId(), label.stream(), label.label(), knownAt));
    }

    /** Labels held back so far (sent or still waiting). */
    public long delayed() {
        return delayed;
    }

    /** Labels that were never to arrive. */
    public long dropped() {
        return dropped;
    }

    /** Labels waiting to be sent. */
    public int waiting() {
        return byIndex.size() + byTime.size();
    }

    @Override
    public void close() {
        try {
            sendAllWaiting();
        } finally {
            inner.close();
        }
    }
}

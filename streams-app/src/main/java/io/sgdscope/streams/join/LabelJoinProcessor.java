package io.sgdscope.streams.join;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.SampleDecodeException;
import io.sgdscope.streams.validation.DlqReason;
import io.sgdscope.streams.validation.DlqRecords;
import io.sgdscope.streams.validation.ValidationStats;
import io.sgdscope.streams.wiring.JoinInput;
import io.sgdscope.streams.wiring.Origin;
import io.sgdscope.streams.wiring.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins unlabelled samples with the labels of {@code labels.raw} by sample id, in event time: a
 * sample and a label join when their event times are at most {@code window} apart, whichever
 * arrives first. Both sides wait in changelogged stores. When stream time passes an entry's event
 * time plus the window, a waiting sample goes to {@code samples.unlabeled} (a join miss) and a
 * waiting label goes to the DLQ as {@code orphan_label}. An expiry index keyed by event time
 * keeps each expiry scan proportional to what expires, not to what waits.
 *
 * <p>An unlabelled sample with no label waiting goes on at once, unlabelled, so that the trainer
 * can predict it when it arrives; when its label comes, the labelled copy goes on marked
 * {@link Sample#joined()} (see {@link Sample#joinedWith}). A sample whose label was already
 * waiting goes on once, labelled and not marked, if the label's event time is not after the
 * sample's (the label was known when the sample happened); if it is after, the sample goes on
 * unlabelled and then joined, as if it had arrived first: with several partitions the sample's
 * longer path (validation, then its repartition) often brings its label first. A duplicate id
 * goes to the DLQ and not on.
 *
 * <p>Inputs, both keyed by sample id (the topology repartitions them so) and both validated by
 * the task that owns their stream: a {@link JoinInput.UnlabelledSample}, or a
 * {@link JoinInput.RawLabel} from {@code labels.raw}, each with its {@link Origin} in headers. The
 * join keeps no schema of its own: validation checked every label against its stream's task, so the
 * join only refuses a label whose stream is not its sample's ({@code stream_mismatch}), as that
 * label was checked against another stream's task. Outputs, told apart by type: a {@link Sample}
 * keyed by stream (unlabelled on arrival, joined later; to drift), a {@link Missed} (to
 * {@code samples.unlabeled}), a {@code byte[]} (a rejected record's original bytes and key; to the
 * DLQ).
 */
public final class LabelJoinProcessor implements Processor<String, JoinInput, String, Object> {

    private static final Duration MAX_SCAN_INTERVAL = Duration.ofSeconds(1);

    private final JsonLabelCodec codec = new JsonLabelCodec();
    private final long windowMs;
    private final StoreNames stores;
    private final ValidationStats validation;
    private final JoinStats stats;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Sample> pendingSamples;
    private KeyValueStore<String, PendingLabel> pendingLabels;
    /** {@code S|<ts, 19 digits>|<id>} and {@code L|…} to the id: the waiting entries in event-time order. */
    private KeyValueStore<String, String> expiry;

    /** @param validation counts the records the join sends to the DLQ, under their reason */
    public LabelJoinProcessor(Duration window, StoreNames stores, ValidationStats validation, JoinStats stats) {
        this.windowMs = window.toMillis();
        this.stores = stores;
        this.validation = validation;
        this.stats = stats;
    }

    /** The serde of the pending-label store. */
    public static org.apache.kafka.common.serialization.Serde<?> pendingLabelSerde() {
        return PendingLabel.serde(new JsonLabelCodec());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.pendingSamples = context.getStateStore(stores.pendingSamples());
        this.pendingLabels = context.getStateStore(stores.pendingLabels());
        this.expiry = context.getStateStore(stores.expiry());
        long interval = Math.max(1, Math.min(windowMs, MAX_SCAN_INTERVAL.toMillis()));
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, JoinInput> record) {
        if (record.value() instanceof JoinInput.UnlabelledSample sample) {
            onSample(record, sample);
        } else {
            onLabel(record, ((JoinInput.RawLabel) record.value()).bytes());
        }
    }

    private void onSample(Record<String, JoinInput> record, JoinInput.UnlabelledSample v) {
        Sample s = v.sample();
        PendingLabel waiting = pendingLabels.get(s.id());
        if (waiting != null && !waiting.label().stream().equals(s.stream())) {
            // the waiting label was validated against its own stream's task, not this sample's: it cannot join
            pendingLabels.delete(s.id());
            expiry.delete(expiryKey(LABEL, waiting.label().eventTimeMs(), s.id()));
            toDlq(new Record<>(waiting.originalKey(), waiting.original(), record.timestamp(), new RecordHeaders()),
                    DlqReason.STREAM_MISMATCH, mismatch(waiting.label(), s), waiting.origin());
            waiting = null;
        }
        if (waiting != null && within(s.eventTimeMs(), waiting.label().eventTimeMs())) {
            pendingLabels.delete(s.id());
            LabelRecord label = waiting.label();
            expiry.delete(expiryKey(LABEL, label.eventTimeMs(), s.id()));
            if (label.eventTimeMs() > s.eventTimeMs()) {
                // The label came after its sample in event time and reached the join first only because the
                // sample's path is longer (validation, then its repartition by id): event time, not the order
                // of arrival across partitions, decides, so the sample goes on unlabelled and then joined.
                context.forward(new Record<>(s.stream(), (Object) s, record.timestamp()));
                emitLabelled(Math.max(record.timestamp(), label.eventTimeMs()), s, label, s.joinedWith(label.label()));
            } else {
                emitLabelled(record.timestamp(), s, label, s.withLabel(label.label()));
            }
            return;
        }
        if (pendingSamples.get(s.id()) != null) {
            toDlq(record.withValue(v.original()), DlqReason.DUPLICATE_ID,
                    "sample id '" + s.id() + "' is already waiting for its label", origin(record));
            return;
        }
        pendingSamples.put(s.id(), s);
        expiry.put(expiryKey(SAMPLE, s.eventTimeMs(), s.id()), s.id());
        context.forward(new Record<>(s.stream(), (Object) s, record.timestamp()));
    }

    /**
     * A label from validation. It decodes, as validation decoded it; a record that does not is not
     * validation's (e.g. one on the repartition topic from another writer) and goes to the DLQ.
     */
    private void onLabel(Record<String, JoinInput> record, byte[] bytes) {
        Origin origin = origin(record);
        LabelRecord label;
        try {
            label = codec.decode(bytes);
        } catch (SampleDecodeException e) {
            toDlq(record.withValue(bytes), DlqReason.of(e.error(), false), e.getMessage(), origin);
            return;
        }
        Sample waiting = pendingSamples.get(label.sampleId());
        if (waiting != null && !waiting.stream().equals(label.stream())) {
            toDlq(record.withValue(bytes), DlqReason.STREAM_MISMATCH, mismatch(label, waiting), origin);
            return;
        }
        if (waiting != null && within(waiting.eventTimeMs(), label.eventTimeMs())) {
            pendingSamples.delete(label.sampleId());
            expiry.delete(expiryKey(SAMPLE, waiting.eventTimeMs(), label.sampleId()));
            emitLabelled(record.timestamp(), waiting, label, waiting.joinedWith(label.label()));
            return;
        }
        if (pendingLabels.get(label.sampleId()) != null) {
            toDlq(record.withValue(bytes), DlqReason.DUPLICATE_LABEL,
                    "a label for sample id '" + label.sampleId() + "' is already waiting", origin);
            return;
        }
        pendingLabels.put(label.sampleId(), new PendingLabel(label, origin.key(), bytes,
                origin.topic(), origin.partition(), origin.offset()));
        expiry.put(expiryKey(LABEL, label.eventTimeMs(), label.sampleId()), label.sampleId());
    }

    private static String mismatch(LabelRecord label, Sample sample) {
        return "the label is for stream '" + label.stream() + "', but sample '" + sample.id() + "' is of stream '"
                + sample.stream() + "'";
    }

    private static final String SAMPLE = "S";
    private static final String LABEL = "L";

    /** Sorts by kind, then event time (non-negative, zero-padded), then id. */
    static String expiryKey(String kind, long ts, String id) {
        return kind + "|" + String.format("%019d", ts) + "|" + id;
    }

    private static long expiryTime(String key) {
        return Long.parseLong(key.substring(2, 21));
    }

    /** The ids of one kind whose event time is at most {@code lastTs}, in event-time order. */
    private List<KeyValue<String, String>> dueBy(String kind, long lastTs) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = expiry.range(expiryKey(kind, 0, ""), expiryKey(kind, lastTs + 1, ""))) {
            it.forEachRemaining(kv -> {
                if (expiryTime(kv.key) <= lastTs) {
                    due.add(kv);
                }
            });
        }
        return due;
    }

    private boolean within(long sampleTs, long labelTs) {
        return Math.abs(labelTs - sampleTs) <= windowMs;
    }

    /**
     * @param timestamp the output record's timestamp: when the label became known
     * @param labelled  {@code sample} with {@code label}: joined if it went on unlabelled before, plain if not
     */
    private void emitLabelled(long timestamp, Sample sample, LabelRecord label, Sample labelled) {
        stats.recordJoined(label.eventTimeMs() - sample.eventTimeMs());
        context.forward(new Record<>(sample.stream(), (Object) labelled, timestamp));
    }

    private void expire(long streamTime) {
        long lastTs = streamTime - windowMs - 1; // expired: ts + window < stream time
        if (lastTs < 0) {
            return;
        }
        for (KeyValue<String, String> kv : dueBy(SAMPLE, lastTs)) {
            expiry.delete(kv.key);
            Sample s = pendingSamples.get(kv.value);
            if (s != null && s.eventTimeMs() == expiryTime(kv.key)) {
                pendingSamples.delete(kv.value);
                stats.recordMiss();
                context.forward(new Record<>(s.stream(), (Object) new Missed(s), s.eventTimeMs()));
            }
        }
        for (KeyValue<String, String> kv : dueBy(LABEL, lastTs)) {
            expiry.delete(kv.key);
            PendingLabel p = pendingLabels.get(kv.value);
            if (p != null && p.label().eventTimeMs() == expiryTime(kv.key)) {
                pendingLabels.delete(kv.value);
                Record<String, byte[]> r = new Record<>(p.originalKey(), p.original(), p.label().eventTimeMs(),
                        new RecordHeaders());
                toDlq(r, DlqReason.ORPHAN_LABEL, "no unlabelled sample with id '" + p.label().sampleId()
                        + "' arrived within the join window of " + windowMs + " ms", p.origin());
            }
        }
    }

    /** A sample whose label did not come within the window: it goes to {@code samples.unlabeled}. */
    public record Missed(Sample sample) {
    }

    /** Where the record was first read: stamped before its repartition, else its own metadata. */
    private Origin origin(Record<String, JoinInput> record) {
        return Origin.read(record.headers(), Origin.of(context.recordMetadata().orElse(null), record.key()));
    }

    /** @param record the rejected record with its original bytes and headers; the key is the origin's */
    private void toDlq(Record<String, byte[]> record, DlqReason reason, String message, Origin origin) {
        validation.recordRejected(reason);
        context.forward(new Record<>(origin.key(), (Object) record.value(), record.timestamp(),
                DlqRecords.headers(Origin.strip(record.headers()), reason, message, origin.topic(), origin.partition(),
                        origin.offset())));
    }
}

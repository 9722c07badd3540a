package io.sgdscope.common.topic;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.DriftEventSerde;
import io.sgdscope.common.codec.SampleSerdes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topics of one deployment. A prefix lets several deployments (or tests) share a cluster
 * without sharing topics; the default has none.
 */
public record Topics(String prefix) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix may only contain [a-zA-Z0-9._-], got '" + prefix + "'");
        }
    }

    /** Config key of the optional topic-name prefix. */
    public static final String PREFIX_KEY = "topics.prefix";

    public static Topics from(io.sgdscope.common.config.RawConfig raw) {
        try {
            return new Topics(raw.string(PREFIX_KEY, ""));
        } catch (IllegalArgumentException e) {
            throw new io.sgdscope.common.config.ConfigException(PREFIX_KEY, e.getMessage());
        }
    }

    public static Topics defaults() {
        return new Topics("");
    }

    public String name(TopicName topic) {
        return prefix + topic.baseName();
    }

    public List<String> allNames() {
        return Arrays.stream(TopicName.values()).map(this::name).toList();
    }

    /** The names of the topics that are created compacted ({@link TopicName#compacted()}). */
    public List<String> compactedNames() {
        return Arrays.stream(TopicName.values()).filter(TopicName::compacted).map(this::name).toList();
    }

    /** JSON samples as sources send them. The validator reads this topic as raw bytes instead. */
    public Topic<String, Sample> samplesRaw() {
        return new Topic<>(name(TopicName.SAMPLES_RAW), Serdes.String(), SampleSerdes.json());
    }

    /**
     * The same topic written in the binary codec: the validator tells the two apart by the binary
     * magic byte, and binary costs a fraction of JSON to encode.
     */
    public Topic<String, Sample> samplesRawBinary() {
        return new Topic<>(name(TopicName.SAMPLES_RAW), Serdes.String(), SampleSerdes.binary());
    }

    public Topic<String, byte[]> samplesRawBytes() {
        return new Topic<>(name(TopicName.SAMPLES_RAW), Serdes.String(), Serdes.ByteArray());
    }

    public Topic<String, Sample> samplesClean() {
        return new Topic<>(name(TopicName.SAMPLES_CLEAN), Serdes.String(), SampleSerdes.binary());
    }

    /** Original bytes, unchanged; the reason travels in headers. */
    public Topic<String, byte[]> samplesDlq() {
        return new Topic<>(name(TopicName.SAMPLES_DLQ), Serdes.String(), Serdes.ByteArray());
    }

    /** When a scenario really shifted, keyed by stream; JSON ({@link DriftEventSerde}). */
    public Topic<String, DriftEvent> driftTruth() {
        return new Topic<>(name(TopicName.DRIFT_TRUTH), Serdes.String(), DriftEventSerde.json());
    }

    /** Delayed labels as JSON, keyed by sample id. */
    public Topic<String, io.sgdscope.common.LabelRecord> labelsRaw() {
        return new Topic<>(name(TopicName.LABELS_RAW), Serdes.String(), io.sgdscope.common.codec.LabelSerdes.json());
    }

    /** The same topic as bytes, as the streams app reads it, so a bad label becomes a DLQ record. */
    public Topic<String, byte[]> labelsRawBytes() {
        return new Topic<>(name(TopicName.LABELS_RAW), Serdes.String(), Serdes.ByteArray());
    }

    /** Valid samples whose label never arrived within the join window; binary codec, keyed by stream. */
    public Topic<String, Sample> samplesUnlabeled() {
        return new Topic<>(name(TopicName.SAMPLES_UNLABELED), Serdes.String(), SampleSerdes.binary());
    }

    /** One JSON record per stream and closed drift window, keyed by stream. */
    public Topic<String, io.sgdscope.common.drift.DriftStats> driftStats() {
        return new Topic<>(name(TopicName.DRIFT_STATS), Serdes.String(), io.sgdscope.common.drift.DriftStatsSerde.serde());
    }

    /** One JSON record per model metrics snapshot, keyed by {@code <model>@<stream>}; see trainer/METRICS.md. */
    public Topic<String, String> trainerMetrics() {
        return new Topic<>(name(TopicName.TRAINER_METRICS), Serdes.String(), Serdes.String());
    }

    /**
     * The trainer's feature-time predictions, one JSON record per sample and variant, keyed by sample
     * id (the format is trainer/predict's {@code PredictionJson}; common does not know the record).
     * At least once: a consumer de-duplicates on (id, variant, step).
     */
    public Topic<String, byte[]> predictions() {
        return new Topic<>(name(TopicName.PREDICTIONS), Serdes.String(), Serdes.ByteArray());
    }

    /**
     * The feature table of each ingested stream: which feature index means what ({@code 17 =
     * user/country=DE}), JSON, keyed by stream, the latest record per stream wins (compacted).
     * Written when the streams app starts and whenever a learned vocabulary grows.
     */
    public Topic<String, String> featuresSchema() {
        return new Topic<>(name(TopicName.FEATURES_SCHEMA), Serdes.String(), Serdes.String());
    }
}

package io.sgdscope.common.topic;

/** Every topic sgdscope reads or writes. The one place their names are spelled. */
public enum TopicName {
    /** External input: JSON samples, keyed by stream. */
    SAMPLES_RAW("samples.raw"),
    /** Labels that arrive after their samples, keyed by sample id. */
    LABELS_RAW("labels.raw"),
    /** Validated, labelled samples in the binary codec, keyed by stream. */
    SAMPLES_CLEAN("samples.clean"),
    /** Rejected records: original bytes plus reason headers. */
    SAMPLES_DLQ("samples.dlq"),
    /** When a scenario really shifted its distribution. */
    DRIFT_TRUTH("drift.truth"),
    /** Windowed input-distribution statistics. */
    DRIFT_STATS("drift.stats"),
    /** Periodic trainer metric snapshots with provenance. */
    TRAINER_METRICS("trainer.metrics"),
    /** Valid samples whose label did not arrive within the join window, binary, keyed by stream. */
    SAMPLES_UNLABELED("samples.unlabeled"),
    /** The trainer's feature-time predictions, JSON, keyed by sample id; delivered at least once. */
    PREDICTIONS("predictions"),
    /** The feature table of each ingested stream (index to name), JSON, keyed by stream; compacted. */
    FEATURES_SCHEMA("features.schema");

    private final String baseName;

    TopicName(String baseName) {
        this.baseName = baseName;
    }

    public String baseName() {
        return baseName;
    }

    /** Whether only the latest record per key matters, so the topic is created with {@code cleanup.policy=compact}. */
    public boolean compacted() {
        return this == FEATURES_SCHEMA;
    }
}

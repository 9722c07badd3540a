package io.sgdscope.streams.wiring;

/**
 * The names of the topology's nodes, given to every DSL operation ({@code Named}, {@code Consumed},
 * {@code Produced}, {@code Branched}) so that the topology's description stays stable when it is
 * rebuilt. These constants are the only place the names are written. Node names are not part of
 * any topic or store name (repartition topics are named by {@link RepartitionNames}), so they may
 * change without losing state.
 */
public final class NodeNames {

    public static final String SAMPLES_SOURCE = "raw-source";
    public static final String LABELS_SOURCE = "labels-source";
    public static final String VALIDATE = "validate";
    public static final String LABEL_JOIN = "label-join";
    public static final String DRIFT = "drift";
    public static final String STANDARDIZE = "standardize";
    public static final String CLEAN_SINK = "clean-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String UNLABELED_SINK = "unlabeled-sink";
    public static final String DRIFT_SINK = "drift-sink";

    /** Extra inputs (see {@code ExtraInputs}) merged into the raw-sample and label paths. */
    public static final String MERGE_EXTRA_SAMPLES = "merge-extra-samples";
    public static final String MERGE_SAMPLES = "merge-samples";
    public static final String MERGE_LABELS = "merge-labels";
    /** Split prefixes and their branches: the map keys of {@code split().branch(..)} are prefix + branch. */
    public static final String VALIDATED = "validated-";
    public static final String LABELLED = "labelled";
    public static final String UNLABELLED = "unlabelled";
    public static final String LABELS = "labels";
    public static final String INVALID = "invalid";
    public static final String JOINED = "joined-";
    public static final String SAMPLES = "samples";
    public static final String MISSED = "missed";
    public static final String DRIFTED = "drifted-";
    public static final String STATS = "stats";
    /** The steps around the join's repartitions. */
    public static final String STAMP_LABELS = "stamp-label-origin";
    public static final String STAMP_EXTRA_SAMPLES = "stamp-extra-sample-origin";
    public static final String KEY_LABELS_BY_STREAM = "key-labels-by-stream";
    public static final String VALIDATE_INPUTS = "merge-validate-inputs";
    public static final String AS_RAW_LABEL = "as-raw-label";
    public static final String KEY_SAMPLES_BY_ID = "key-samples-by-id";
    public static final String JOIN_INPUTS = "merge-join-inputs";
    public static final String AS_MISSED_SAMPLE = "as-missed-sample";
    public static final String JOIN_DLQ_SINK = "join-dlq-sink";
    public static final String DRIFT_INPUTS = "merge-drift-inputs";

    private NodeNames() {
    }
}

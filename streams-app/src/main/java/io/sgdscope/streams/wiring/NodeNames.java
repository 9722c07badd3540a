package io.sgdscope.streams.wiring;

/**
 * The names of the topology's nodes. A processor with several children forwards to one of them by
 * name; these constants are the only place the names are written. Node names are not part of any
 * topic or store name, so they may change without losing state.
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

    private NodeNames() {
    }
}

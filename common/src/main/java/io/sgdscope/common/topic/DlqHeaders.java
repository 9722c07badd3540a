package io.sgdscope.common.topic;

/** Header names on {@code samples.dlq} records. Values are UTF-8 strings. */
public final class DlqHeaders {
    /** A reason code from a small fixed set, e.g. {@code malformed_json}. */
    public static final String REASON = "sgdscope.dlq.reason";
    /** A human-readable explanation naming the offending field. */
    public static final String MESSAGE = "sgdscope.dlq.message";
    public static final String SOURCE_TOPIC = "sgdscope.dlq.source.topic";
    public static final String SOURCE_PARTITION = "sgdscope.dlq.source.partition";
    public static final String SOURCE_OFFSET = "sgdscope.dlq.source.offset";

    private DlqHeaders() {
    }
}

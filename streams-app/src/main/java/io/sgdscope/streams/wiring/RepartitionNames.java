package io.sgdscope.streams.wiring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of the topology's repartition topics, which Kafka Streams creates and names
 * {@code <application.id>-<name>-repartition}. Renaming one strands the records still on the old
 * topic at an upgrade, so {@link #DEFAULT} must not change.
 *
 * @param joinSamples    unlabelled samples, keyed by sample id, into the label join
 * @param joinLabels     validated label records, keyed by sample id, into the label join
 * @param joinedByStream the join's outputs (unlabelled copies and joined samples), keyed by stream, into drift
 * @param extraSamples   the samples of {@code ExtraInputs}, keyed by stream, into validation (their labels
 *                       need none: every label goes through {@code labelsByStream})
 * @param labelsByStream label records of {@code labels.raw} and the extra label inputs, keyed by stream, into
 *                       validation, whose task owns the stream's schema
 */
public record RepartitionNames(String joinSamples, String joinLabels, String joinedByStream, String extraSamples,
                               String labelsByStream) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    public static final RepartitionNames DEFAULT = new RepartitionNames("join-samples-by-id", "join-labels-by-id",
            "joined-by-stream", "extra-samples-by-stream", "labels-by-stream");

    public RepartitionNames {
        Set<String> seen = new HashSet<>();
        for (String n : new String[] {joinSamples, joinLabels, joinedByStream, extraSamples, labelsByStream}) {
            if (n == null || !LEGAL.matcher(n).matches()) {
                throw new IllegalArgumentException("repartition name must be non-empty [a-zA-Z0-9._-], got '" + n + "'");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("repartition name '" + n + "' is used twice");
            }
        }
    }

    public List<String> all() {
        return List.of(joinSamples, joinLabels, joinedByStream, extraSamples, labelsByStream);
    }
}

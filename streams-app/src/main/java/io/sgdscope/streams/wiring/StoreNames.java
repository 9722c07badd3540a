package io.sgdscope.streams.wiring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of the topology's state stores, the one place they are written down. Kafka Streams
 * names a store's changelog topic {@code <application.id>-<store>-changelog}, so renaming a store
 * makes every existing deployment start that store empty: {@link #DEFAULT} must not change.
 *
 * @param schemas         learned stream schemas, validation's: the one authority for a stream's learned task
 * @param pendingSamples  unlabelled samples waiting for their label, by sample id
 * @param pendingLabels   labels waiting for their sample, by sample id
 * @param expiry          the join's expiry index, by kind, event time and id
 * @param driftWindows    the open drift window of each stream
 * @param driftReferences the reference drift window of each stream
 * @param moments         the running standardisation moments of each stream
 */
public record StoreNames(String schemas, String pendingSamples, String pendingLabels, String expiry,
                         String driftWindows, String driftReferences, String moments) {

    /** What Kafka accepts in a topic name, which the store name becomes part of; before DEFAULT, which uses it. */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    public static final StoreNames DEFAULT = new StoreNames("stream-schemas", "join-pending-samples",
            "join-pending-labels", "join-expiry", "drift-windows", "drift-references", "standardize-moments");

    public StoreNames {
        String[] fields = {"schemas", "pendingSamples", "pendingLabels", "expiry", "driftWindows", "driftReferences", "moments"};
        String[] values = {schemas, pendingSamples, pendingLabels, expiry, driftWindows, driftReferences, moments};
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || !LEGAL.matcher(values[i]).matches()) {
                throw new IllegalArgumentException("store name " + fields[i] + " must be non-empty [a-zA-Z0-9._-], got '"
                        + values[i] + "'");
            }
            if (!seen.add(values[i])) {
                throw new IllegalArgumentException("store name " + fields[i] + " '" + values[i] + "' is used twice");
            }
        }
    }

    public List<String> all() {
        return List.of(schemas, pendingSamples, pendingLabels, expiry, driftWindows, driftReferences, moments);
    }
}

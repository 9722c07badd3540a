package io.sgdscope.streams.ingest;

/**
 * The names of the ingest path's stores. A store's changelog is {@code <application.id>-<store>-changelog},
 * so a name must not change once deployed: it is derived from the foreign topic alone.
 */
public final class IngestStores {

    private IngestStores() {
    }

    /** The learned vocabularies and running moments of the mapping that reads {@code topic}. */
    public static String state(String topic) {
        return "ingest-" + topic + "-state";
    }
}

package io.sgdscope.streams.ingest;

import io.sgdscope.ingest.FeatureTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's feature table with its learned one-hot slots named by the values they learned
 * ({@code user/country=DE} instead of {@code user/country=<learned 3>}); slots still free keep
 * their placeholder.
 */
final class LearnedNames {

    /** How the compiled table names a learned slot: {@code <feature>=<learned i>}. */
    private static final String LEARNED = "=<learned ";

    private LearnedNames() {
    }

    static FeatureTable table(FeatureTable compiled, String stream, StoreVocabularyState state) {
        Map<String, String[]> vocabularies = new HashMap<>();
        List<FeatureTable.Feature> named = new ArrayList<>(compiled.dimension());
        for (FeatureTable.Feature f : compiled.features()) {
            int at = f.name().lastIndexOf(LEARNED);
            if (!f.kind().equals("one-hot-learned") || at < 0 || !f.name().endsWith(">")) {
                named.add(f);
                continue;
            }
            String feature = f.name().substring(0, at);
            int slot = Integer.parseInt(f.name().substring(at + LEARNED.length(), f.name().length() - 1));
            String[] values = vocabularies.computeIfAbsent(feature, k -> state.vocabulary(stream, k));
            named.add(slot < values.length && values[slot] != null
                    ? new FeatureTable.Feature(f.index(), feature + "=" + values[slot], f.field(), f.kind())
                    : f);
        }
        return new FeatureTable(compiled.topic(), stream, named);
    }
}

package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MappingDraftTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHANNELS = {"web", "app", "pos"};
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL"};

    /** Payments like the issue's: nested fields, a categorical, a high-cardinality merchant, missing ages. */
    static List<JsonNode> payments(int n) throws Exception {
        SplittableRandom rng = new SplittableRandom(14);
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String age = rng.nextDouble() < 0.1 ? "" : ", \"age\": " + (18 + rng.nextInt(70));
            out.add(JSON.readTree("{\"txn_id\": \"t-" + i + "\", \"user\": {\"country\": \"" + COUNTRIES[rng.nextInt(5)]
                    + "\"" + age + "}, \"amount\": " + rng.nextDouble() * 5000 + ", \"channel\": \""
                    + CHANNELS[rng.nextInt(3)] + "\", \"merchant\": \"m" + rng.nextInt(400) + "\", \"ts\": \"2026-11-30T10:"
                    + String.format("%02d:%02d", (i / 60) % 60, i % 60) + "Z\", \"is_fraud\": " + (rng.nextDouble() < 0.05)
                    + ", \"score\": " + (rng.nextInt(3) == 0 ? "null" : Double.toString(rng.nextDouble()))
                    + ", \"tags\": [1, 2], \"odd key/x\": \"v" + rng.nextInt(3) + "\"}"));
        }
        return out;
    }

    @Test
    void draftsTheObviousMappingAndItParsesAndCompiles() throws Exception {
        String yaml = MappingDraft.draft("payments", payments(500));
        assertThat(yaml).contains(
                "  - from: payments\n",
                "    format: json\n",
                "    id: /txn_id   # unique in all 500 records\n",
                "    timestamp: /ts",
                "    label: {field: /is_fraud, classes: [false, true]}\n",
                "- {field: /amount, transform: log1p}",
                "- {field: /user/age, missing: 0, missing-indicator: true}",
                "- {field: /score, missing: 0, missing-indicator: true}",
                "- {field: /channel, one-hot: [",
                "- {field: /user/country, one-hot: [",
                "- {field: /merchant, hash: {bits: ",
                "# - {field: /tags}",
                "\"/odd key~1x\"");
        List<IngestSpec> specs = IngestSpecs.parse(Specs.raw(yaml));
        IngestSpec s = specs.get(0);
        assertThat(s.id()).isEqualTo(new ValueSource.Field("/txn_id"));
        assertThat(s.label()).isEqualTo(new LabelSpec("/is_fraud", List.of("false", "true")));
        FeatureSpec.OneHot channel = (FeatureSpec.OneHot) s.features().stream()
                .filter(f -> f.name().equals("channel")).findFirst().orElseThrow();
        assertThat(channel.values()).containsExactlyInAnyOrder(CHANNELS);
        assertThat(channel.other()).isTrue();
        CompiledMapping m = CompiledMapping.compile(s);
        InMemoryVocabularyState vocab = new InMemoryVocabularyState();
        for (JsonNode r : payments(200)) {
            MappingOutcome o = m.map(Specs.json(r.toString()), vocab);
            assertThat(o).as(r.toString()).isInstanceOf(MappingOutcome.Mapped.class);
        }
    }

    @Test
    void suggestiveLabelsAreOfferedCommentedAndRecordsWithoutIdsOrTimesGetDefaults() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(JSON.readTree("{\"v\": " + (i % 7) + ", \"is_new\": " + (i % 2 == 0) + ", \"cat\": \"c" + (i % 3)
                    + "\", \"null_key\": \"null\"}"));
        }
        String yaml = MappingDraft.draft("t", records);
        assertThat(yaml).contains("# id: /POINTER", "timestamp: record",
                "# label: {field: /is_new, classes: [false, true]}", "- {field: /is_new}",
                "- {field: /null_key, one-hot: [\"null\"], other: true}");
        CompiledMapping m = CompiledMapping.compile(IngestSpecs.parse(Specs.raw(yaml)).get(0));
        assertThat(m.spec().label()).isNull();
        MappingOutcome o = m.map(Specs.json(records.get(3).toString()), VocabularyState.NONE);
        assertThat(o).isInstanceOf(MappingOutcome.Mapped.class);
    }

    @Test
    void otherFormatsKeepTheirLines() throws Exception {
        String yaml = MappingDraft.draft("t", "format: connect-json\nschemas: false", List.of(JSON.readTree("{\"x\": 1}")));
        IngestSpec s = IngestSpecs.parse(Specs.raw(yaml)).get(0);
        assertThat(s.format().kind()).isEqualTo(RecordFormat.Kind.CONNECT_JSON);
        assertThat(s.format().connectSchemas()).isFalse();
    }

    @Test
    void nothingToDraftFromIsAnError() throws Exception {
        assertThatThrownBy(() -> MappingDraft.draft("t", List.of())).hasMessageContaining("no records");
        assertThatThrownBy(() -> MappingDraft.draft("t", List.of(JSON.readTree("[1, 2]"))))
                .hasMessageContaining("can be a feature");
    }
}

package io.sgdscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

    @Test
    void theSketchHasOneNamedSlotPerDimension() {
        CompiledMapping m = Specs.compile(IngestSpecsTest.SKETCH);
        FeatureTable t = m.featureTable();
        assertThat(t.dimension()).isEqualTo(m.dimension()).isEqualTo(1338);
        assertThat(t.topic()).isEqualTo("payments");
        assertThat(t.stream()).isEqualTo("payments");
        assertThat(t.features().subList(0, 8)).containsExactly(
                new FeatureTable.Feature(0, "amount", "/amount", "numeric"),
                new FeatureTable.Feature(1, "missing(amount)", "/amount", "missing"),
                new FeatureTable.Feature(2, "user/age", "/user/age", "numeric"),
                new FeatureTable.Feature(3, "channel=web", "/channel", "one-hot"),
                new FeatureTable.Feature(4, "channel=app", "/channel", "one-hot"),
                new FeatureTable.Feature(5, "channel=pos", "/channel", "one-hot"),
                new FeatureTable.Feature(6, "channel=<other>", "/channel", "other"),
                new FeatureTable.Feature(7, "user/country=<learned 0>", "/user/country", "one-hot-learned"));
        assertThat(t.name(57)).isEqualTo("user/country=<other>");
        assertThat(t.name(58)).isEqualTo("hash(merchant,user/id)#0");
        assertThat(t.features().get(58).field()).isEqualTo("/merchant,/user/id");
        assertThat(t.name(58 + 1024 + 255)).isEqualTo("cross(channel,user/country)#255");
        assertThat(t.render().lines().toList().get(17)).isEqualTo("  17 = user/country=<learned 10>");
    }

    @Test
    void jsonIsStableAndRoundTrips() {
        FeatureTable t = new FeatureTable("clicks", null, List.of(
                new FeatureTable.Feature(0, "x", "/x", "numeric"),
                new FeatureTable.Feature(1, "c=\"q\"", "/c", "one-hot")));
        assertThat(t.toJson()).isEqualTo("{\"version\":1,\"topic\":\"clicks\",\"stream\":null,\"dimension\":2,"
                + "\"features\":[{\"index\":0,\"name\":\"x\",\"field\":\"/x\",\"kind\":\"numeric\"},"
                + "{\"index\":1,\"name\":\"c=\\\"q\\\"\",\"field\":\"/c\",\"kind\":\"one-hot\"}]}");
        assertThat(FeatureTable.fromJson(t.toJson())).isEqualTo(t);
        FeatureTable sketch = Specs.compile(IngestSpecsTest.SKETCH).featureTable();
        assertThat(FeatureTable.fromJson(sketch.toJson())).isEqualTo(sketch);
    }

    @Test
    void fromJsonRejectsWhatIsNotATable() {
        assertThatThrownBy(() -> FeatureTable.fromJson("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureTable.fromJson("{\"version\":2}")).hasMessageContaining("version 1");
        assertThatThrownBy(() -> FeatureTable.fromJson("{\"version\":1,\"topic\":\"a\",\"stream\":null,\"dimension\":3,"
                + "\"features\":[]}")).hasMessageContaining("dimension");
        assertThatThrownBy(() -> new FeatureTable("a", null, List.of(new FeatureTable.Feature(1, "x", "/x", "numeric"))))
                .hasMessageContaining("index");
    }
}

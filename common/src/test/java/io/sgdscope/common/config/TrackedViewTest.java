package io.sgdscope.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackedViewTest {

    private static RawConfig yaml(String text) {
        return RawConfig.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "run.yaml");
    }

    private static final RawConfig CONFIG = yaml("""
            source:
              type: sea
              dimension: 8
              dimensoin: 9
              weights: [0.25, 0.75]
              empty:
            phases:
              - start: 0
              - start: 100
                shfit: { prior: [0.5, 0.5] }
            producer: { stream: s }
            """);

    @Test
    void namesAreRelativeToTheSection() {
        TrackedView v = CONFIG.tracked("source");
        assertThat(v.key("dimension")).isEqualTo("source.dimension");
        assertThat(v.key("weights[1]")).isEqualTo("source.weights[1]");
        assertThat(v.key("")).isEqualTo("source");
        assertThat(v.at("[1]").key("start")).isEqualTo("source[1].start");
        assertThat(v.intValue("dimension", 64, 1, 100)).isEqualTo(8);
        assertThat(v.doubles("weights", 0, 1)).containsExactly(0.25, 0.75);
        assertThat(v.doubles("missing", 0, 1)).isNull();
        assertThat(v.string("type", "")).isEqualTo("sea");
    }

    @Test
    void anUnknownKeyIsRejectedWithItsFileAndLineAndTheKnownNames() {
        TrackedView v = CONFIG.tracked("source", "source type 'sea'");
        v.string("type", "");
        v.intValue("dimension", 64, 1, 100);
        v.doubles("weights", 0, 1);
        v.has("empty");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> v.requireAllRead(null));
        assertThat(e.key()).isEqualTo("source.dimensoin");
        assertThat(e.getMessage()).contains("unknown key for source type 'sea'", "run.yaml:4",
                "known keys: dimension, empty, type, weights");
    }

    @Test
    void keysOutsideTheSectionAreNotItsConcern() {
        TrackedView v = CONFIG.tracked("producer");
        v.string("stream", "");
        v.requireAllRead(null);
    }

    @Test
    void subsectionViewsShareWhatWasReadAndTheHintReplacesTheKnownNames() {
        TrackedView phases = CONFIG.tracked("phases");
        phases.at("[0]").string("start", "");
        phases.at("[1]").string("start", "");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> phases.requireAllRead("a phase has start"));
        assertThat(e.key()).isEqualTo("phases[1].shfit.prior[0]");
        assertThat(e.getMessage()).contains("unknown key (from run.yaml:10)", "a phase has start")
                .doesNotContain("known keys");
        phases.at("[1]").subsection("shfit");
        phases.requireAllRead("a phase has start");
    }

    @Test
    void anEmptyValueCountsAsUnsetButRead() {
        TrackedView v = CONFIG.tracked("source");
        assertThat(v.has("empty")).isFalse();
        assertThat(v.has("type")).isTrue();
        assertThat(v.hasUnder("weights")).isTrue();
        assertThat(v.hasUnder("type")).isFalse();
    }

    @Test
    void aScalarWhereAListBelongsIsNamed() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> CONFIG.tracked("source").doubles("dimension", 0, 100));
        assertThat(e.key()).isEqualTo("source.dimension");
        assertThat(e.getMessage()).contains("must be a list", "run.yaml:3");
    }

    @Test
    void aSubsectionKeepsEachValuesFullKeyAndOrigin() {
        var shift = CONFIG.tracked("phases").at("[1]").subsection("shfit");
        assertThat(shift).containsOnlyKeys("prior[0]", "prior[1]");
        assertThat(shift.get("prior[1]").value()).isEqualTo("0.5");
        assertThat(shift.get("prior[1]").origin()).isEqualTo("phases[1].shfit.prior[1] at run.yaml:10");
    }

    @Test
    void aRequiredFileIsCheckedNamingKeyOwnerAndPath(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), "x\n");
        RawConfig raw = RawConfig.of(java.util.Map.of("source.path", data.toString(), "source.other", dir.resolve("no.csv").toString()),
                "flag --source-path");
        TrackedView v = raw.tracked("source", "source type 'csv'");
        assertThat(v.existingFile("path")).isEqualTo(data);
        ConfigException missing = catchThrowableOfType(ConfigException.class, () -> v.existingFile("other"));
        assertThat(missing.key()).isEqualTo("source.other");
        assertThat(missing.getMessage()).contains("file not found", "no.csv", "flag --source-path");
        ConfigException unset = catchThrowableOfType(ConfigException.class, () -> v.existingFile("labels"));
        assertThat(unset.getMessage()).contains("source.labels", "is required for source type 'csv'");
    }
}

package io.sgdscope.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawConfigListTest {

    private static RawConfig parse(String yaml) {
        return RawConfig.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");
    }

    @Test
    void listItemsGetIndexedKeysWithTheirLine() {
        RawConfig raw = parse("""
                source:
                  type: sea
                phases:
                  - start: 0
                  - start: 5000
                    shift:
                      prior: [0.2, 0.8]
                producer: { rate: 10 }
                """);
        assertThat(raw.string("source.type", null)).isEqualTo("sea");
        assertThat(raw.string("phases[0].start", null)).isEqualTo("0");
        assertThat(raw.string("phases[1].start", null)).isEqualTo("5000");
        assertThat(raw.string("phases[1].shift.prior[0]", null)).isEqualTo("0.2");
        assertThat(raw.string("phases[1].shift.prior[1]", null)).isEqualTo("0.8");
        assertThat(raw.string("producer.rate", null)).isEqualTo("10");
        assertThat(raw.entries().get("phases[1].start").origin()).isEqualTo("s.yaml:5");
        assertThat(raw.entries().get("phases[1].shift.prior[1]").origin()).isEqualTo("s.yaml:7");
    }

    @Test
    void nestedListsAndMappingsInsideLists() {
        RawConfig raw = parse("""
                m:
                  - [1, 2]
                  - { a: x, b: [y] }
                """);
        assertThat(raw.string("m[0][1]", null)).isEqualTo("2");
        assertThat(raw.string("m[1].a", null)).isEqualTo("x");
        assertThat(raw.string("m[1].b[0]", null)).isEqualTo("y");
    }
}

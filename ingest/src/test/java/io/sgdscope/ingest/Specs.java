package io.sgdscope.ingest;

import io.sgdscope.common.config.RawConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: an ingest section from YAML text, as the launcher would read it from a file. */
final class Specs {

    static final String FILE = "ingest-test.yaml";

    private Specs() {
    }

    static RawConfig raw(String yaml) {
        return RawConfig.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    static List<IngestSpec> parse(String yaml) {
        return IngestSpecs.parse(raw(yaml));
    }

    /** The one entry of {@code yaml}, compiled. */
    static CompiledMapping compile(String yaml) {
        return CompiledMapping.compile(parse(yaml).get(0));
    }

    static IngestRecord json(String json) {
        return record(json.getBytes(StandardCharsets.UTF_8));
    }

    static IngestRecord record(byte[] value) {
        return new IngestRecord("payments", 2, 41, 1_700_000_000_000L, "k1".getBytes(StandardCharsets.UTF_8), value);
    }
}

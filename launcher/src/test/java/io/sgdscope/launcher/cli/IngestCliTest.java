package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.launcher.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest side of the CLI that needs no broker: the feature table in --print-config, infer's usage errors. */
class IngestCliTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            ingest:
              - from: payments
                format: json
                id: /txn_id
                stream: payments
                timestamp: /ts
                features:
                  - { field: /amount, transform: log1p, missing: 0, missing-indicator: true }
                  - { field: /channel, one-hot: [web, app, pos], other: true }
                  - { field: /user/country, one-hot: { learn: 3 } }
            """;

    @Test
    void printConfigPrintsTheFeatureTableOfEveryIngestEntry() throws Exception {
        Path config = Files.writeString(dir.resolve("ingest.yaml"), CONFIG);
        CliTest.Result r = CliTest.run("streams", "--config", config.toString(), "--bootstrap-servers", "127.0.0.1:1", "--print-config");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // two slots for the amount and its missing indicator, four for the channel, three learned and their other
        assertThat(r.out()).contains("ingest[0]", "topic payments", "10 features")
                .contains("0 = amount").contains("2 = channel=web").contains("5 = channel=<other>")
                .contains("6 = user/country=<learned 0>").contains("8 = user/country=<learned 2>")
                .contains("9 = user/country=<other>");
    }

    @Test
    void aBadIngestEntryStopsTheStreamsCommandNamingKeyAndFile() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), CONFIG.replace("one-hot: [web, app, pos]", "one-hot: 3"));
        CliTest.Result r = CliTest.run("streams", "--config", config.toString(), "--bootstrap-servers", "127.0.0.1:1", "--print-config");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("ingest[0].features[1].one-hot").contains("bad.yaml");
    }

    @Test
    void inferNeedsTheColumnsOfACsvTopic() {
        CliTest.Result r = CliTest.run("ingest", "infer", "--topic", "t", "--format", "csv",
                "--bootstrap-servers", "127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--csv-columns");
    }

    @Test
    void inferNamesTheFormatsItReads() {
        CliTest.Result r = CliTest.run("ingest", "infer", "--topic", "t", "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("json, connect-json, csv or avro-confluent").contains("'xml'");
    }

    @Test
    void ingestHasHelp() {
        CliTest.Result r = CliTest.run("ingest", "infer", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--topic", "--samples", "--format");
    }
}

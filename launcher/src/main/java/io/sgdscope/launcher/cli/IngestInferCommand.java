package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.RecordFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.sgdscope.ingest.FormatSpec;
import io.sgdscope.ingest.IngestDecodeException;
import io.sgdscope.ingest.MappingDraft;
import io.sgdscope.ingest.RegistrySpec;
import io.sgdscope.ingest.format.RecordFormats;
import java.net.URI;
import java.util.ArrayList;
import io.sgdscope.launcher.Main;
import io.sgdscope.launcher.run.TopicSample;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads the first records of an existing topic and prints a drafted {@code ingest:} entry for it:
 * numeric fields as numbers, low-cardinality strings one-hot, high-cardinality ones hashed. The
 * user edits the draft; nothing is written to the cluster (a plain consumer, no group, no commit).
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Draft an ingest: entry from the first records of an existing topic and print it as YAML.",
                "Reads from the beginning without a consumer group; writes nothing to the cluster."})
public final class IngestInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    KafkaOptions kafkaOptions;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000",
            description = "How many records to read from the beginning. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, connect-json, csv or avro-confluent. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--csv-columns", paramLabel = "NAME[,NAME...]", split = ",",
            description = "The column names of a csv topic, in order (required with --format csv).")
    List<String> csvColumns;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "The schema registry of an avro-confluent topic (required with --format avro-confluent).")
    URI registryUrl;

    @Option(names = "--schemas", paramLabel = "true|false", defaultValue = "true",
            description = "connect-json: whether the records carry the {schema, payload} envelope. Default: ${DEFAULT-VALUE}.")
    boolean schemas;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (samples < 1) {
            err.println("ingest infer: --samples must be >= 1, got " + samples);
            return Main.EXIT_USAGE;
        }
        RecordFormat.Kind kind = kind(format);
        if (kind == null) {
            err.println("ingest infer: --format must be json, connect-json, csv or avro-confluent, got '" + format + "'");
            return Main.EXIT_USAGE;
        }
        FormatSpec formatSpec;
        String formatYaml;
        switch (kind) {
            case JSON -> {
                formatSpec = FormatSpec.json();
                formatYaml = "format: json";
            }
            case CONNECT_JSON -> {
                formatSpec = new FormatSpec(kind, List.of(), ',', schemas, null);
                formatYaml = "format: connect-json\nschemas: " + schemas;
            }
            case CSV -> {
                if (csvColumns == null || csvColumns.isEmpty()) {
                    err.println("ingest infer: --format csv needs --csv-columns, the column names in order");
                    return Main.EXIT_USAGE;
                }
                formatSpec = new FormatSpec(kind, csvColumns, ',', true, null);
                formatYaml = "format: csv\ncsv: {columns: [" + String.join(", ", csvColumns) + "]}";
            }
            default -> {
                if (registryUrl == null) {
                    err.println("ingest infer: --format avro-confluent needs --registry-url");
                    return Main.EXIT_USAGE;
                }
                formatSpec = new FormatSpec(kind, List.of(), ',', true, new RegistrySpec(registryUrl, null, null,
                        RegistrySpec.DEFAULT_TIMEOUT, RegistrySpec.DEFAULT_RETRY_TOTAL));
                formatYaml = "format: avro-confluent\nregistry: {url: \"" + registryUrl + "\"}";
            }
        }
        Map<String, String> flags = new HashMap<>(kafkaOptions.asConfig());
        RawConfig raw = ConfigResolver.resolve(RawConfig.empty(), config.configFile, System.getenv(), flags);
        KafkaClientConfig kafka = KafkaClientConfig.from(raw);
        List<IngestRecord> records;
        try {
            records = TopicSample.read(kafka, topic, samples);
        } catch (TopicSample.NoSampleException e) {
            err.println("ingest infer: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        RecordFormat decoder = RecordFormats.create(formatSpec);
        List<JsonNode> decoded = new ArrayList<>();
        String firstError = null;
        for (IngestRecord r : records) {
            try {
                decoded.add(decoder.decode(r));
            } catch (IngestDecodeException e) {
                firstError = firstError == null ? "offset " + r.offset() + ": " + e.getMessage() : firstError;
            }
        }
        if (decoded.isEmpty()) {
            err.println("ingest infer: none of the " + records.size() + " records of '" + topic + "' decodes as "
                    + format + " (" + firstError + ")");
            return Main.EXIT_USAGE;
        }
        if (firstError != null) {
            err.println("ingest infer: " + (records.size() - decoded.size()) + " of " + records.size()
                    + " records do not decode as " + format + " and were left out, e.g. " + firstError);
        }
        String draft;
        try {
            draft = MappingDraft.draft(topic, formatYaml, decoded);
        } catch (IllegalArgumentException e) {
            err.println("ingest infer: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(draft);
        out.flush();
        return 0;
    }

    private static RecordFormat.Kind kind(String name) {
        for (RecordFormat.Kind k : RecordFormat.Kind.values()) {
            if (k.configName().equals(name)) {
                return k;
            }
        }
        return null;
    }
}

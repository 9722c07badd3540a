package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.ingest.IngestConfig;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the streams app against --bootstrap-servers: validates samples.raw, joins delayed labels",
                "from labels.raw, and writes samples.clean, samples.dlq, samples.unlabeled and drift.stats.",
                "With an ingest: section in --config, it also maps your own topics onto samples."})
public final class StreamsCommand extends ServiceCommand {

    @Option(names = "--application-id", description = "Kafka Streams application.id. Default: sgdscope-streams.")
    String applicationId;

    @Option(names = "--feature-dimension", paramLabel = "D", description = "Expected feature count. Default: 64.")
    Integer dimension;

    @Override
    void addFlags(Map<String, String> flags) {
        Flags.put(flags, StreamsAppConfig.APPLICATION_ID, applicationId);
        Flags.put(flags, StreamsAppConfig.FEATURE_DIMENSION, dimension);
    }

    /** The compiled {@code ingest:} section, once {@link #prepare} has read it. */
    private IngestConfig ingest = IngestConfig.NONE;

    @Override
    Consumer<PipelineParts> prepare(RawConfig raw) {
        StreamsAppConfig cfg = StreamsAppConfig.from(raw);
        ingest = IngestConfig.from(raw);
        ingest.streamSchemas(cfg); // a contradicting streams.streams.<name> setting fails now, not at start
        IngestConfig compiled = ingest;
        return parts -> parts.startStreamsApp(cfg, compiled);
    }

    @Override
    void printMore(java.io.PrintWriter out) {
        ConfigPrinter.printFeatureTables(ingest, out);
    }
}

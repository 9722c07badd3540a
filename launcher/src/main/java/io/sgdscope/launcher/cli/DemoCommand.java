package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.broker.EmbeddedBrokerConfig;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.ProgressReporter;
import io.sgdscope.launcher.run.Provenance;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.launcher.run.Session;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.monitoring.http.HttpConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline in one JVM on an embedded Kafka broker (KRaft, loopback).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "Built-in scenario (${COMPLETION-CANDIDATES}) or a YAML file. Default: ${DEFAULT-VALUE}.",
            completionCandidates = BuiltInScenarios.class)
    String scenario;

    @Mixin
    ServiceOptions service;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker and streams state here. Default: a temporary directory, deleted on exit.")
    Path dataDir;

    @Option(names = "--seed", description = "Seed of the generator.")
    Long seed;

    @Option(names = "--rate", paramLabel = "SAMPLES_PER_S", description = "Producer rate; 0 = unlimited.")
    Double rate;

    @Mixin
    TrainerOptions trainerOptions;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        trainerOptions.addFlags(flags);
        Flags.put(flags, HttpConfig.PORT, service.httpPort);
        Flags.put(flags, HttpConfig.BIND, service.httpBind);
        Flags.put(flags, Topics.PREFIX_KEY, service.topicPrefix);
        Flags.put(flags, ProduceConfig.SEED, seed);
        Flags.put(flags, ProduceConfig.RATE, rate);
        RawConfig raw = ConfigResolver.resolve(Scenarios.load(scenario), config.configFile, System.getenv(), flags);
        raw = withDimensionFromProducer(raw);
        if (dataDir != null) {
            raw = raw.with(StreamsAppConfig.STATE_DIR, dataDir.resolve("streams").toString(), "--data-dir");
        }
        // Validate every part's config before anything starts, so a bad key fails in milliseconds.
        ProduceConfig produce = ProduceConfig.from(raw);
        StreamsAppConfig streams = StreamsAppConfig.from(raw);
        TrainerConfig trainer = TrainerConfig.from(raw);
        HttpConfig http = HttpConfig.from(raw);
        Topics topics = Topics.from(raw);
        TopicLayout layout = TopicLayout.from(raw);

        PrintWriter out = spec.commandLine().getOut();
        if (config.printConfig) {
            ConfigPrinter.print(raw, out);
            ConfigPrinter.printResolved(trainer.resolvedSettings(), out);
            return 0;
        }
        if (dataDir == null) {
            // Without --data-dir every run starts afresh, so its streams state must not outlive it either.
            streams = streams.withStateDir(Files.createTempDirectory("sgdscope-streams-"));
        }
        try (Session session = new Session(ShutdownSignal.onJvmShutdown(), out)) {
            if (dataDir == null) {
                Path temporaryState = streams.stateDir();
                session.group().add("streams state", () -> Utils.delete(temporaryState.toFile()));
            }
            // Bind the metrics port first: a busy port should fail before the broker spends seconds starting.
            session.serveDashboard(http);
            EmbeddedKafkaBroker broker = session.group().add("broker",
                    EmbeddedKafkaBroker.start(new EmbeddedBrokerConfig(0, dataDir == null ? null : dataDir.resolve("kafka"), Map.of())));
            KafkaClientConfig kafka = KafkaClientConfig.from(
                    raw.with(KafkaClientConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(), "embedded broker"));
            TopicSetup.ensureTopics(kafka, topics.allNames(), layout);
            out.println("kafka:     " + broker.bootstrapServers());
            PipelineParts parts = session.parts(kafka, topics);
            // Start downstream first so that closing (in reverse) stops the producer first.
            var trained = parts.startTrainer(trainer, Provenance.of(raw, trainer));
            var validated = parts.startStreamsApp(streams).stats();
            var produced = parts.startProducer(produce, raw);
            var progress = new ProgressReporter(out, Duration.ofSeconds(5), produced, validated, trained);
            session.group().run("progress", progress, progress::stop);
            return session.awaitShutdown(service.duration);
        }
    }

    /**
     * In the demo one scenario feeds everything, so its source's dimension is everyone's default.
     * Opening the scenario here also checks it, and its data files, before anything starts.
     */
    static RawConfig withDimensionFromProducer(RawConfig raw) {
        io.sgdscope.producers.source.SourceSchema schema;
        try (var source = ScenarioSource.open(raw, ProduceConfig.from(raw), System::currentTimeMillis, e -> { })) {
            schema = source.schema();
        }
        String dim = Integer.toString(schema.dimension());
        if (!raw.contains(StreamsAppConfig.FEATURE_DIMENSION)) {
            raw = raw.with(StreamsAppConfig.FEATURE_DIMENSION, dim, ProduceConfig.DIMENSION);
        }
        if (!raw.contains(TrainerConfig.MODEL)) {
            // a linear model for the source's task: k classes, or one output for regression
            raw = raw.with(TrainerConfig.MODEL, "linear:" + dim + "-" + (schema.isClassification() ? schema.classes() : 1),
                    "the scenario's source");
        }
        return raw;
    }

    static final class BuiltInScenarios implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Scenarios.BUILT_IN.iterator();
        }
    }
}

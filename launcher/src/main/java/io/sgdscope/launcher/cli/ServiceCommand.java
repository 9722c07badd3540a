package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.Session;
import io.sgdscope.launcher.run.ShutdownSignal;
import io.sgdscope.launcher.run.TopicSetup;
import io.sgdscope.monitoring.http.HttpConfig;
import java.util.HashMap;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One pipeline part as a standalone service against an existing cluster. Subclasses only say
 * which flags they add and which part they start.
 */
abstract class ServiceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    KafkaOptions kafkaOptions;

    @Mixin
    ServiceOptions service;

    /** The command's own flags, as config keys. */
    abstract void addFlags(Map<String, String> flags);

    /** The scenario layer under the config file; none unless the command takes {@code --scenario}. */
    RawConfig scenario() {
        return RawConfig.empty();
    }

    /** Whether the service serves the live dashboard at {@code /} (the trainer does). */
    boolean servesDashboard() {
        return false;
    }

    /** Parses (and so validates) the part's config; the returned starter runs once the cluster is reachable. */
    abstract Consumer<PipelineParts> prepare(RawConfig raw);

    /**
     * Prints what the part did, once it has stopped, and returns the exit code that says whether it
     * did it (0 unless overridden).
     */
    int report(PrintWriter out) {
        return 0;
    }

    /** What {@link #prepare} resolved beyond the raw keys, for {@code --print-config}; none by default. */
    Map<String, String> resolvedSettings() {
        return Map.of();
    }

    @Override
    public final Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>(kafkaOptions.asConfig());
        Flags.put(flags, HttpConfig.PORT, service.httpPort);
        Flags.put(flags, HttpConfig.BIND, service.httpBind);
        Flags.put(flags, Topics.PREFIX_KEY, service.topicPrefix);
        addFlags(flags);
        RawConfig raw = ConfigResolver.resolve(scenario(), config.configFile, System.getenv(), flags);
        KafkaClientConfig kafka = KafkaClientConfig.from(raw);
        HttpConfig http = HttpConfig.from(raw);
        Topics topics = Topics.from(raw);
        TopicLayout layout = TopicLayout.from(raw);
        Consumer<PipelineParts> start = prepare(raw);
        if (config.printConfig) {
            ConfigPrinter.print(raw, spec.commandLine().getOut());
            ConfigPrinter.printResolved(resolvedSettings(), spec.commandLine().getOut());
            return 0;
        }
        int code;
        try (Session session = new Session(ShutdownSignal.onJvmShutdown(), spec.commandLine().getOut())) {
            if (servesDashboard()) {
                session.serveDashboard(http);
            } else {
                session.serveMetrics(http);
            }
            TopicSetup.ensureTopics(kafka, topics.allNames(), layout);
            start.accept(session.parts(kafka, topics));
            code = session.awaitShutdown(service.duration);
        }
        return Math.max(code, report(spec.commandLine().getOut()));
    }
}

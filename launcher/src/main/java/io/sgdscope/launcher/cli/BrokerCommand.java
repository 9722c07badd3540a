package io.sgdscope.launcher.cli;

import io.sgdscope.launcher.broker.EmbeddedBrokerConfig;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.launcher.run.ShutdownSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the embedded single-node Kafka broker (KRaft) on loopback, alone.")
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Client port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the log here and reuse it on restart. Default: a temporary directory, deleted on exit.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        EmbeddedBrokerConfig cfg = new EmbeddedBrokerConfig(port, dataDir, Map.of());
        ShutdownSignal signal = ShutdownSignal.onJvmShutdown();
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(cfg)) {
            out.println("kafka:     " + broker.bootstrapServers());
            out.println("running; press Ctrl-C to stop");
            signal.await(null);
        } finally {
            signal.closed();
        }
        return 0;
    }
}

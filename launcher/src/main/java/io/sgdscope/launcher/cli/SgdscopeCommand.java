package io.sgdscope.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sgdscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Online SGD on Kafka streams, with live implicit-bias and stability metrics.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ProduceCommand.class, StreamsCommand.class,
                TrainCommand.class, BenchCommand.class, ExperimentCommand.class, IngestCommand.class})
public final class SgdscopeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

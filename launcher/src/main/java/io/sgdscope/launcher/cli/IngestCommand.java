package io.sgdscope.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sgdscope ingest ...}: tools for the {@code ingest:} section, which points sgdscope at an existing topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Tools for reading your own topics (the ingest: section of the configuration).",
        subcommands = {IngestInferCommand.class})
public final class IngestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

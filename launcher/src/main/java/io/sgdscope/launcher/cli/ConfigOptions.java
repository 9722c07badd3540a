package io.sgdscope.launcher.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The optional config file, shared by every command. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML config file. Precedence: flag > environment (SGDSCOPE_*) > file > default.")
    Path configFile;

    @Option(names = "--print-config",
            description = "Check the configuration, print every setting with where it came from (secrets masked) "
                    + "and every trainer variant as it would run, and exit.")
    boolean printConfig;
}

package io.sgdscope.launcher.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of every standalone service command. */
public final class ServiceOptions {

    @Option(names = "--http-port", paramLabel = "PORT", description = "Metrics port (0 = any free port). Default: 8080.")
    Integer httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS",
            description = "Address the HTTP endpoints listen on; 0.0.0.0 = every interface (e.g. in a container). "
                    + "Default: 127.0.0.1, loopback only.")
    String httpBind;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 90s, 5m). Default: until Ctrl-C or SIGTERM.")
    Duration duration;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of every topic name, to share a cluster.")
    String topicPrefix;
}

package io.sgdscope.launcher.cli;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.run.PipelineParts;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.ProducerStats;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Run the sample generator against --bootstrap-servers, writing samples.raw. Ends by itself, "
                + "exit 0, when its work ends (--max-samples, a file replayed once, a scenario's end).")
public final class ProduceCommand extends ServiceCommand {

    @Option(names = "--rate", paramLabel = "SAMPLES_PER_S", description = "Samples per second; 0 = unlimited. Default: 2000.")
    Double rate;

    @Option(names = "--max-samples", paramLabel = "N",
            description = "Send N samples, flush, report and exit 0; 0 = never stop. Default: 0.")
    Long maxSamples;

    @Option(names = "--seed", description = "Generator seed. Default: 42.")
    Long seed;

    @Option(names = "--stream", description = "Stream key of the samples. Default: teacher-linear.")
    String stream;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "Built-in scenario (${COMPLETION-CANDIDATES}) or a YAML file. Default: ${DEFAULT-VALUE}.",
            completionCandidates = DemoCommand.BuiltInScenarios.class)
    String scenarioName;

    @Override
    RawConfig scenario() {
        return Scenarios.load(scenarioName);
    }

    @Override
    void addFlags(Map<String, String> flags) {
        Flags.put(flags, ProduceConfig.RATE, rate);
        Flags.put(flags, ProduceConfig.MAX_SAMPLES, maxSamples);
        Flags.put(flags, ProduceConfig.SEED, seed);
        Flags.put(flags, ProduceConfig.STREAM, stream);
    }

    @Override
    Consumer<PipelineParts> prepare(RawConfig raw) {
        ProduceConfig cfg = ProduceConfig.from(raw);
        // open the scenario once now, so a bad phase or a missing data file fails before any connection
        ScenarioSource.open(raw, cfg, System::currentTimeMillis, e -> { }).close();
        return parts -> stats = parts.startProducerEndingRun(cfg, raw);
    }

    /** Set once the producer started; read after it stopped. */
    private ProducerStats stats;

    /** The counts a script can check: every sample sent was acked by the broker, or the exit code says not. */
    @Override
    int report(PrintWriter out) {
        if (stats == null) {
            return 0;
        }
        out.printf("produced: %d samples sent, %d acked, %d failed; %d labels sent apart; %d drift truth events%n",
                stats.sent(), stats.acked(), stats.failed(), stats.labelsSent(), stats.truthEvents());
        out.flush();
        return stats.failed() > 0 || stats.acked() < stats.sent() ? 1 : 0;
    }
}

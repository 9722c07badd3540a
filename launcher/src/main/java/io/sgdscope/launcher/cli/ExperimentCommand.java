package io.sgdscope.launcher.cli;

import io.sgdscope.experiment.BuiltInExperiments;
import io.sgdscope.experiment.ExperimentResult;
import io.sgdscope.experiment.ExperimentRunner;
import io.sgdscope.experiment.ExperimentSpec;
import io.sgdscope.experiment.Experiments;
import io.sgdscope.experiment.Metrics;
import io.sgdscope.experiment.Progress;
import io.sgdscope.experiment.ScenarioResolver;
import io.sgdscope.experiment.Verdict;
import io.sgdscope.launcher.run.Scenarios;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run a study of training dynamics in process, with no broker: a scenario fed to several",
                "variants over several seeds, with curves.csv, plots (PNG, SVG), report.md and report.html.",
                "Exit 0 when every expectation passes, 1 when one fails, 2 for a bad file or usage.",
                "The file format and metric names: experiment/README.md."})
public final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME|FILE", description = "A built-in experiment (see --list) or a YAML file.")
    String experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the outputs go. Default: ./experiments/NAME.")
    Path out;

    @Option(names = "--quick", description = "Run the file's reduced quick: budget.")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "S1,S2", split = ",", description = "Seeds instead of the file's.")
    List<Long> seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Jobs run at once. Default: the available cores.")
    Integer threads;

    @Option(names = "--list", description = "List the built-in experiments (name, title, citation) and exit.")
    boolean list;

    @Option(names = "--metrics", description = "List the metric names expectations may use and exit.")
    boolean metrics;

    /** Resolves a scenario exactly as {@code train --scenario} does, with the experiment's keys as flags. */
    static final ScenarioResolver SCENARIOS = (scenario, keys) ->
            ConfigResolver.resolve(Scenarios.load(scenario), null, Map.of(), keys);

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        if (list) {
            for (ExperimentSpec s : BuiltInExperiments.all()) {
                console.printf("%-28s %s%n%-28s   %s%n", s.name(), s.title(), "", s.citation());
            }
            return 0;
        }
        if (metrics) {
            Metrics.documented().forEach(console::println);
            return 0;
        }
        if (experiment == null) {
            throw new ParameterException(spec.commandLine(), "give an experiment NAME or FILE, or --list");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + n);
        }
        // JFreeChart draws off-screen
        System.setProperty("java.awt.headless", "true");
        ExperimentSpec s = BuiltInExperiments.resolve(experiment);
        if (quick) {
            s = s.onQuickBudget();
        }
        if (seeds != null && !seeds.isEmpty()) {
            s = s.withSeeds(seeds);
        }
        Path dir = out != null ? out : Path.of("experiments", s.name());
        console.printf("experiment %s: %d variants x %d seeds on %d threads%n", s.name(), s.variants().size(),
                s.seeds().size(), n);
        console.flush();
        ExperimentResult result = Experiments.run(s,
                new ExperimentRunner(SCENARIOS, n, Progress.on(spec.commandLine().getErr())));
        Experiments.write(result, dir);
        for (Verdict v : result.verdicts()) {
            console.printf("%s  %s%n", v.pass() ? "PASS" : "FAIL", v.expectation().text());
            v.measured().forEach(m -> console.printf("        %s%n", m));
            if (!v.pass()) {
                console.printf("        %s%n", v.reason());
            }
        }
        console.printf("%s in %.1f s; wrote %s%n", result.passed() ? "PASS" : "FAIL",
                result.wallTime().toMillis() / 1000.0, dir.resolve("report.md"));
        return result.exitCode();
    }
}

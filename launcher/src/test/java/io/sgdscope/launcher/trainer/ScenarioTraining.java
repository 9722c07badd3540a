package io.sgdscope.launcher.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.experiment.InlineTraining;
import io.sgdscope.experiment.ScenarioSamples;
import io.sgdscope.launcher.cli.ConfigResolver;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.trainer.TrainedModel;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.VariantSpec;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built-in scenario run through the real trainer's models, in process and without a broker:
 * the scenario's samples (optionally its first n, replayed as a fixed dataset) go to every
 * variant's {@link TrainedModel} through the experiment engine's {@link InlineTraining}, whose
 * metrics are computed inline at each snapshot.
 */
final class ScenarioTraining {

    /**
     * One variant's model, every metrics report it produced (oldest first), and the sliding
     * prequential accuracy when each report arrived.
     */
    record Run(TrainedModel model, List<InsightReport> reports, List<Double> accuracy) {
        InsightReport last() {
            return reports.get(reports.size() - 1);
        }
    }

    private ScenarioTraining() {
    }

    /** The first {@code n} samples of {@code scenario} and its drift truth. */
    static List<Sample> samples(String scenario, Map<String, String> overrides, int n, List<DriftEvent> truth) {
        RawConfig raw = ConfigResolver.resolve(Scenarios.load(scenario), null, Map.of(), overrides);
        return ScenarioSamples.first(raw, n, truth::add);
    }

    /**
     * Trains every variant of {@code trainerSettings} (plus the scenario's own {@code trainer:}
     * section) on {@code data} repeated {@code epochs} times.
     */
    static List<Run> train(String scenario, Map<String, String> trainerSettings, List<Sample> data,
                           List<DriftEvent> truth, int epochs) {
        RawConfig raw = ConfigResolver.resolve(Scenarios.load(scenario), null, Map.of(), trainerSettings);
        TrainerConfig config = TrainerConfig.from(raw);
        List<Run> runs = new ArrayList<>();
        for (VariantSpec v : config.variantSpecs()) {
            // the model stays open for the caller to inspect; its inspectors are released with the run
            InlineTraining training = new InlineTraining(v, config, new Dl4jBackend());
            truth.forEach(training::onTruth);
            for (int e = 0; e < epochs; e++) {
                for (Sample s : data) {
                    training.feed(s);
                }
            }
            training.model().publish();
            List<InlineTraining.Snapshot> snapshots = training.snapshots();
            runs.add(new Run(training.model(), snapshots.stream().map(InlineTraining.Snapshot::report).toList(),
                    snapshots.stream().map(s -> s.prequential().slidingAccuracy()).toList()));
        }
        return runs;
    }
}

package io.sgdscope.launcher.trainer;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.cli.ConfigResolver;
import io.sgdscope.launcher.run.Scenarios;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.trainer.TrainedModel;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainerStats;
import io.sgdscope.trainer.TrainingContext;
import io.sgdscope.trainer.VariantSpec;
import io.sgdscope.trainer.insight.InsightReport;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built-in scenario run through the real trainer's models, in process and without a broker:
 * the scenario's samples (optionally its first n, replayed as a fixed dataset) go to every
 * variant's {@link TrainedModel}, whose metrics are computed inline at each snapshot.
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
        List<Sample> out = new ArrayList<>(n);
        try (ScenarioSource source = ScenarioSource.open(raw, ProduceConfig.from(raw), () -> 0L, truth::add)) {
            for (int i = 0; i < n; i++) {
                out.add(source.next().orElseThrow());
            }
        }
        return out;
    }

    /**
     * Trains every variant of {@code trainerSettings} (plus the scenario's own {@code trainer:}
     * section) on {@code data} repeated {@code epochs} times.
     */
    static List<Run> train(String scenario, Map<String, String> trainerSettings, List<Sample> data,
                           List<DriftEvent> truth, int epochs) {
        RawConfig raw = ConfigResolver.resolve(Scenarios.load(scenario), null, Map.of(), trainerSettings);
        TrainerConfig config = TrainerConfig.from(raw);
        TrainingContext context = TrainingContext.inline(new Dl4jBackend());
        TrainerStats stats = new TrainerStats();
        List<Run> runs = new ArrayList<>();
        for (VariantSpec v : config.variantSpecs()) {
            TrainedModel model = TrainedModel.create(v, data.get(0).stream(), config, context, stats);
            truth.forEach(model::onTruth);
            List<InsightReport> reports = new ArrayList<>();
            List<Double> accuracy = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                for (Sample s : data) {
                    model.train(s);
                    InsightReport r = model.stats().insight();
                    if (r != null && (reports.isEmpty() || reports.get(reports.size() - 1) != r)) {
                        reports.add(r);
                        model.publish();
                        accuracy.add(model.stats().snapshot().prequential().slidingAccuracy());
                    }
                }
            }
            model.publish();
            runs.add(new Run(model, reports, accuracy));
        }
        return runs;
    }
}

package io.sgdscope.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.experiment.BuiltInExperiments;
import io.sgdscope.experiment.ExperimentSpec;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in experiment's scenario, overrides, model and variants resolve through the resolver
 * the CLI uses ({@code Scenarios} + {@code ConfigResolver}), not only through the experiment module's
 * test resolver: a scenario file missing from {@code Scenarios.BUILT_IN}, or an override key the
 * launcher does not know, fails here instead of at a user's first run.
 */
class BuiltInExperimentScenariosTest {

    static List<String> builtIns() {
        return BuiltInExperiments.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void resolvesAsTheCliResolvesIt(String name) {
        ExperimentSpec spec = BuiltInExperiments.load(name);
        for (Map.Entry<String, String> variant : spec.variants().entrySet()) {
            Map<String, String> keys = new HashMap<>(spec.scenarioOverrides());
            keys.put(TrainerConfig.MODEL, spec.model());
            keys.put(TrainerConfig.VARIANTS_PREFIX + variant.getKey(), variant.getValue());
            RawConfig raw = ExperimentCommand.SCENARIOS.resolve(spec.scenario(), keys);
            assertThat(TrainerConfig.from(raw).variantSpecs()).as(name + " " + variant.getKey())
                    .anyMatch(v -> v.name().equals(variant.getKey()));
            try (ScenarioSource source = ScenarioSource.open(raw, ProduceConfig.from(raw), () -> 0L,
                    new ArrayList<>()::add)) {
                assertThat(source.next()).as(name).isPresent();
            }
        }
    }
}

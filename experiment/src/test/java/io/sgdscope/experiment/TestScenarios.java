package io.sgdscope.experiment;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSpec;
import io.sgdscope.trainer.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The built-in scenarios of the repository's root {@code scenarios/} directory (or a YAML file),
 * resolved as the launcher does minus its Kafka and HTTP keys: the experiment module's tests
 * cannot depend on the launcher, which depends on them.
 */
public final class TestScenarios implements ScenarioResolver {

    public static final TestScenarios INSTANCE = new TestScenarios();
    private static final Path ROOT = Path.of("..", "scenarios");

    @Override
    public RawConfig resolve(String scenario, Map<String, String> keys) {
        Path file = scenario.endsWith(".yaml") ? Path.of(scenario) : ROOT.resolve(scenario + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new io.sgdscope.common.config.ConfigException("scenario", "unknown scenario '" + scenario + "'");
        }
        RawConfig raw = RawConfig.fromYaml(file).overriddenBy(RawConfig.of(keys, "experiment"));
        Set<String> known = new HashSet<>(TrainerConfig.ALL_KEYS);
        known.addAll(ProduceConfig.KEYS);
        Set<String> prefixes = new HashSet<>(ScenarioSpec.PREFIXES);
        prefixes.addAll(TrainerConfig.PREFIXES);
        raw.requireKnown(known, prefixes);
        return raw;
    }
}

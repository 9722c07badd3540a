package io.sgdscope.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.launcher.cli.ConfigResolver;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.scenario.ScenarioSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario resolves, opens (files included) and produces samples that fit its schema. */
class BuiltInScenariosTest {

    static List<String> names() {
        return Scenarios.BUILT_IN;
    }

    @ParameterizedTest
    @MethodSource("names")
    void opensAndProduces(String name) {
        RawConfig raw = ConfigResolver.resolve(Scenarios.load(name), null, Map.of(), Map.of());
        ProduceConfig cfg = ProduceConfig.from(raw);
        List<DriftEvent> events = new ArrayList<>();
        try (ScenarioSource s = ScenarioSource.open(raw, cfg, () -> 0L, events::add)) {
            for (int i = 0; i < 500; i++) {
                Sample x = s.next().orElseThrow();
                assertThat(x.dimension()).isEqualTo(s.schema().dimension());
                assertThat(x.truth()).isNotNull();
            }
        }
        assertThat(events).first().extracting(DriftEvent::kind).isEqualTo(DriftEvent.Kind.START);
    }

    @Test
    void theIssuesListOfScenariosShipsAsFilesAndInTheJar() {
        for (String name : List.of("default", "label-noise", "covariate-shift", "concept-drift", "recurring",
                "sparse-regression", "separable-margin", "fashion-mnist")) {
            assertThat(Scenarios.BUILT_IN).contains(name);
            assertThat(Scenarios.class.getResource("/scenarios/" + name + ".yaml")).as(name).isNotNull();
        }
        Path root = Path.of("..", "scenarios");
        for (String name : Scenarios.BUILT_IN) {
            assertThat(Files.isRegularFile(root.resolve(name + ".yaml"))).as(name).isTrue();
        }
    }

    @Test
    void phasesOfTheConceptDriftScenarioAreWhatItsCommentSays() {
        ScenarioSpec spec = ScenarioSpec.from(Scenarios.load("concept-drift"));
        assertThat(spec.phases()).extracting(p -> p.startIndex()).containsExactly(0L, 25_000L, 50_000L, 75_000L);
        assertThat(spec.phases().get(2).transition()).isEqualTo(DriftEvent.Transition.GRADUAL);
        assertThat(spec.phases().get(2).width()).isEqualTo(5_000);
    }
}

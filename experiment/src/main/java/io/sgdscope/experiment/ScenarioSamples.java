package io.sgdscope.experiment;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The samples of a resolved scenario config, drawn in process with a constant clock. */
public final class ScenarioSamples {

    private ScenarioSamples() {
    }

    /** Opens the scenario of {@code raw} (its {@code source:}, {@code phases:} and {@code producer:} keys). */
    public static ScenarioSource open(RawConfig raw, Consumer<DriftEvent> truth) {
        return ScenarioSource.open(raw, ProduceConfig.from(raw), () -> 0L, truth);
    }

    /** The first {@code n} samples (fewer if the scenario ends sooner); its true shifts go to {@code truth}. */
    public static List<Sample> first(RawConfig raw, long n, Consumer<DriftEvent> truth) {
        List<Sample> out = new ArrayList<>();
        try (ScenarioSource source = open(raw, truth)) {
            for (long i = 0; i < n; i++) {
                Sample s = source.next().orElse(null);
                if (s == null) {
                    break;
                }
                out.add(s);
            }
        }
        return out;
    }
}

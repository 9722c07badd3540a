package io.sgdscope.producers.scenario;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.source.SourceProviders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Runs scenarios given as YAML text, with a fixed clock, collecting samples and truth events. */
final class ScenarioFixture {

    static final String FILE = "test.yaml";

    private ScenarioFixture() {
    }

    static RawConfig yaml(String text) {
        return RawConfig.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    record Run(List<Sample> samples, List<DriftEvent> events, List<Long> indexAtEvent) {
        int phase(int i) {
            return samples.get(i).truth().phase();
        }
    }

    static ScenarioSource open(String yaml, long seed, LongSupplier clock, List<DriftEvent> events) {
        return new ScenarioSource(ScenarioSpec.from(yaml(yaml)), SourceProviders.onClassPath(), "s", seed, 8, clock,
                events::add);
    }

    static Run run(String yaml, long seed, int n) {
        return run(yaml, seed, n, () -> 1_000L);
    }

    static Run run(String yaml, long seed, int n, LongSupplier clock) {
        List<DriftEvent> events = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        ScenarioSource[] holder = new ScenarioSource[1];
        try (ScenarioSource s = new ScenarioSource(ScenarioSpec.from(yaml(yaml)), SourceProviders.onClassPath(), "s", seed, 8,
                clock, e -> {
                    events.add(e);
                    at.add(holder[0].index());
                })) {
            holder[0] = s;
            List<Sample> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                var next = s.next();
                if (next.isEmpty()) {
                    break;
                }
                out.add(next.get());
            }
            return new Run(out, events, at);
        }
    }

    static int cls(Label l) {
        return ((Label.ClassIndex) l).index();
    }

    /**
     * Five standard errors of a proportion p estimated from n draws, plus one count of slack: a
     * correct generator fails this with probability below 1e-6.
     */
    static double tolerance(double p, long n) {
        return 5 * Math.sqrt(p * (1 - p) / n) + 1.0 / n;
    }

    /** Five standard errors of a mean of n draws with standard deviation sd. */
    static double meanTolerance(double sd, long n) {
        return 5 * sd / Math.sqrt(n);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}

package io.sgdscope.producers.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.scenario.LabelDelaySpec.Delay;
import io.sgdscope.producers.scenario.LabelDelaySpec.Kind;
import io.sgdscope.producers.scenario.LabelDelaySpec.Unit;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SourceSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DelayedLabelSourceTest {

    private static final long T0 = 1_000_000L;

    /** n labelled samples, sample i at T0 + 10 i, in phase 0 before {@code phaseOneAt} and phase 1 from it. */
    private static SampleSource samples(int n, int phaseOneAt) {
        return new SampleSource() {
            private int i;

            @Override
            public SourceSchema schema() {
                return SourceSchema.classification("s", 1, 2);
            }

            @Override
            public Optional<Sample> next() {
                if (i == n) {
                    return Optional.empty();
                }
                Label y = Label.ofClass(i % 2);
                int phase = i < phaseOneAt ? 0 : 1;
                Sample s = new Sample("s-" + i, "s", T0 + 10L * i, new float[] {i}, y, new GroundTruth(y, false, phase), i);
                i++;
                return Optional.of(s);
            }
        };
    }

    private static LabelDelaySpec spec(Kind kind, Unit unit, double a, double b, double never) {
        return new LabelDelaySpec("labels", new Delay(kind, unit, a, b), never);
    }

    /** What the consumer of the source sees, in order: "sample id" or "label id@time". */
    private static List<String> run(DelayedLabelSource source) {
        List<String> log = new ArrayList<>();
        try (source) {
            Optional<Sample> s;
            while ((s = source.next()).isPresent()) {
                log.add("sample " + s.get().id() + (s.get().isLabelled() ? " labelled" : ""));
            }
        }
        return log;
    }

    @Test
    void aLabelDSamplesLateComesRightAfterTheDthSampleAndTheRestAtTheEnd() {
        List<String> log = new ArrayList<>();
        var source = new DelayedLabelSource(samples(5, 99), List.of(spec(Kind.FIXED, Unit.SAMPLES, 2, 0, 0)), 1,
                l -> log.add("label " + l.sampleId() + "@" + l.eventTimeMs()));
        List<String> out = run(source);
        assertThat(log).containsExactly("label s-0@" + (T0 + 30), "label s-1@" + (T0 + 40),
                "label s-2@" + (T0 + 40), "label s-3@" + (T0 + 40), "label s-4@" + (T0 + 40));
        assertThat(out).allMatch(x -> !x.endsWith("labelled"));
        assertThat(source.waiting()).isZero();
        assertThat(source.delayed()).isEqualTo(5);
    }

    @Test
    void labelsGoOutBetweenTheSamplesAtTheirDueIndex() {
        List<String> log = new ArrayList<>();
        var source = new DelayedLabelSource(samples(6, 99), List.of(spec(Kind.FIXED, Unit.SAMPLES, 2, 0, 0)), 1,
                l -> log.add("label " + l.sampleId()));
        try (source) {
            Optional<Sample> s;
            while ((s = source.next()).isPresent()) {
                log.add("sample " + s.get().id());
            }
        }
        assertThat(log).containsExactly("sample s-0", "sample s-1", "sample s-2", "label s-0", "sample s-3",
                "label s-1", "sample s-4", "label s-2", "sample s-5", "label s-3", "label s-4", "label s-5");
    }

    @Test
    void aTimeDelayStampsTheLabelWithItsDueTime() {
        List<LabelRecord> labels = new ArrayList<>();
        var source = new DelayedLabelSource(samples(10, 99), List.of(spec(Kind.FIXED, Unit.MILLIS, 25, 0, 0)), 1,
                labels::add);
        run(source);
        assertThat(labels).hasSize(10);
        for (LabelRecord l : labels) {
            int i = Integer.parseInt(l.sampleId().substring(2));
            assertThat(l.eventTimeMs()).isEqualTo(T0 + 10L * i + 25);
            assertThat(l.label()).isEqualTo(Label.ofClass(i % 2));
            assertThat(l.stream()).isEqualTo("s");
        }
    }

    @Test
    void eachPhaseHasItsOwnDelayAndNeverLabelledSamplesStayUnlabelled() {
        int n = 20_000;
        double never = 0.3;
        List<LabelRecord> labels = new ArrayList<>();
        var source = new DelayedLabelSource(samples(n, n / 2),
                List.of(LabelDelaySpec.NONE, spec(Kind.FIXED, Unit.SAMPLES, 3, 0, never)), 7, labels::add);
        List<String> out = run(source);
        assertThat(out.subList(0, n / 2)).as("phase 0: labels with their samples").allMatch(x -> x.endsWith("labelled"));
        assertThat(out.subList(n / 2, n)).as("phase 1: labels apart").noneMatch(x -> x.endsWith("labelled"));
        assertThat(labels).extracting(LabelRecord::sampleId).doesNotHaveDuplicates()
                .allMatch(id -> Integer.parseInt(id.substring(2)) >= n / 2);
        assertThat(source.delayed() + source.dropped()).isEqualTo(n / 2);
        assertThat(labels).hasSize((int) source.delayed());
        assertThat((double) source.dropped() / (n / 2)).isCloseTo(never, within(ScenarioFixture.tolerance(never, n / 2)));
    }

    @Test
    void theBuiltInScenarioSendsEveryLabelThatArrivesAfterItsSample() throws Exception {
        var raw = io.sgdscope.common.config.RawConfig.fromYaml(Path.of("..", "scenarios", "delayed-labels.yaml"));
        ScenarioSpec spec = ScenarioSpec.from(raw);
        assertThat(spec.delaysLabels()).isTrue();
        AtomicLong clock = new AtomicLong(T0);
        Map<String, Long> sentAt = new HashMap<>();
        Set<String> unlabelled = new HashSet<>();
        List<LabelRecord> labels = new ArrayList<>();
        List<String> beforeTheirSample = new ArrayList<>();
        int n = 70_000; // into the third phase
        var scenario = new ScenarioSource(spec, io.sgdscope.producers.source.SourceProviders.onClassPath(), "d", 42, 16,
                () -> clock.addAndGet(1), e -> { });
        try (var source = new DelayedLabelSource(scenario, 42, l -> {
            if (!unlabelled.contains(l.sampleId())) {
                beforeTheirSample.add(l.sampleId());
            }
            labels.add(l);
        })) {
            long labelled = 0;
            for (int i = 0; i < n; i++) {
                Sample s = source.next().orElseThrow();
                labelled += s.isLabelled() ? 1 : 0;
                unlabelled.add(s.id());
                sentAt.put(s.id(), s.eventTimeMs());
            }
            assertThat(labelled).as("every phase delays its labels").isZero();
        }
        assertThat(beforeTheirSample).as("a label follows its sample").isEmpty();
        assertThat(new HashSet<>(labels.stream().map(LabelRecord::sampleId).toList())).hasSize(labels.size());
        assertThat(labels.stream().filter(l -> l.eventTimeMs() < sentAt.get(l.sampleId())).count()).isZero();
        double arrived = (double) labels.size() / n;
        assertThat(arrived).as("most labels arrive, some never").isBetween(0.7, 0.99);
    }
}

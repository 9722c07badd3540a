package io.sgdscope.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.monitoring.alerts.AlertNames;
import io.sgdscope.monitoring.alerts.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Each live alert fires on a history made for it and stays quiet on its near miss. Histories have
 * one sampling round a second; {@code recent} is 60 s, {@code stall} 120 s, {@code dlqWindow} 60 s.
 */
class LiveAlertsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final LiveAlertRules RULES = new LiveAlertRules(
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(60), 0.01, 0.5, 0.05);
    private static final Map<String, String> SGD = Map.of("model", "sgd", "stream", "s");

    private final MetricHistory history = new MetricHistory(600, 100);

    /** Rounds 0..rounds-1 at T0 + i s; each series gets f(i) unless f returns NaN (no point that round). */
    private final class Rounds {
        private final int rounds;
        private final java.util.List<Map.Entry<SeriesKey, IntToDoubleFunction>> series = new java.util.ArrayList<>();

        Rounds(int rounds) {
            this.rounds = rounds;
        }

        Rounds with(String name, Map<String, String> tags, IntToDoubleFunction f) {
            series.add(Map.entry(new SeriesKey(name, new TreeMap<>(tags)), f));
            return this;
        }

        List<LiveAlerts.Status> evaluate() {
            for (int i = 0; i < rounds; i++) {
                for (var e : series) {
                    double v = e.getValue().applyAsDouble(i);
                    if (!Double.isNaN(v)) {
                        history.record(e.getKey(), T0 + i * 1000L, v);
                    }
                }
                history.sampled(T0 + i * 1000L);
            }
            return new LiveAlerts(RULES).evaluate(history);
        }
    }

    private static LiveAlerts.Status status(List<LiveAlerts.Status> all, String alert) {
        return all.stream().filter(s -> s.alert().equals(alert)).findFirst().orElseThrow();
    }

    private static List<String> firing(List<LiveAlerts.Status> all) {
        return all.stream().filter(s -> !s.firing().isEmpty()).map(LiveAlerts.Status::alert).toList();
    }

    private static Map<String, String> tags(Map<String, String> base, String key, String value) {
        java.util.Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void everyRuleIsReportedInAFixedOrderWithItsSeverity() {
        List<LiveAlerts.Status> all = new Rounds(2).evaluate();
        assertThat(all).extracting(LiveAlerts.Status::alert).containsExactly(AlertNames.TRAINING_DIVERGED,
                AlertNames.EDGE_OF_STABILITY, AlertNames.DEAD_UNITS_HIGH, AlertNames.MARGIN_COLLAPSE,
                AlertNames.DLQ_RATE_HIGH, AlertNames.TRAINER_STALLED, AlertNames.DRIFT_DETECTED);
        assertThat(all).extracting(LiveAlerts.Status::severity).containsExactly(Severity.CRITICAL, Severity.WARNING,
                Severity.WARNING, Severity.WARNING, Severity.WARNING, Severity.CRITICAL, Severity.INFO);
        assertThat(firing(all)).isEmpty();
    }

    @Test
    void divergencesWithinTheWindowFire() {
        List<LiveAlerts.Status> all = new Rounds(100)
                .with(SeriesNames.TRAINER_DIVERGENCES, SGD, i -> i < 90 ? 1 : 3).evaluate();
        LiveAlerts.Status s = status(all, AlertNames.TRAINING_DIVERGED);
        assertThat(s.firing()).hasSize(1);
        assertThat(s.firing().get(0).labels()).containsEntry("model", "sgd");
        assertThat(s.firing().get(0).detail()).startsWith("2 divergences since").contains("total 3");
    }

    @Test
    void divergencesOlderThanTheWindowDoNot() {
        List<LiveAlerts.Status> all = new Rounds(100)
                .with(SeriesNames.TRAINER_DIVERGENCES, SGD, i -> i < 30 ? 1 : 3).evaluate();
        assertThat(status(all, AlertNames.TRAINING_DIVERGED).firing()).isEmpty();
    }

    @Test
    void edgeOfStabilityFiresOnTheCurrentRatioOnly() {
        assertThat(firing(new Rounds(5).with(SeriesNames.MODEL_EOS_RATIO, SGD, i -> 0.5 + i * 0.2).evaluate()))
                .containsExactly(AlertNames.EDGE_OF_STABILITY);
    }

    @Test
    void aPastOrMissingEosRatioAboveOneDoesNotFire() {
        // above 1 earlier, 0.9 now; and a second model whose ratio went NaN (no point in the last round)
        List<LiveAlerts.Status> all = new Rounds(5)
                .with(SeriesNames.MODEL_EOS_RATIO, SGD, i -> i < 4 ? 1.5 : 0.9)
                .with(SeriesNames.MODEL_EOS_RATIO, Map.of("model", "sam", "stream", "s"), i -> i < 4 ? 1.5 : Double.NaN)
                .evaluate();
        assertThat(status(all, AlertNames.EDGE_OF_STABILITY).firing()).isEmpty();
    }

    @Test
    void deadUnitsFirePerLayerAboveTheThreshold() {
        List<LiveAlerts.Status> all = new Rounds(3)
                .with(SeriesNames.MODEL_DEAD_UNITS_RATIO, tags(SGD, "layer", "0"), i -> 0.6)
                .with(SeriesNames.MODEL_DEAD_UNITS_RATIO, tags(SGD, "layer", "1"), i -> 0.5)
                .evaluate();
        LiveAlerts.Status s = status(all, AlertNames.DEAD_UNITS_HIGH);
        assertThat(s.firing()).extracting(f -> f.labels().get("layer")).containsExactly("0");
        assertThat(s.firing().get(0).detail()).isEqualTo("dead units 0.600 > 0.500");
    }

    private Rounds marginAndAccuracy(IntToDoubleFunction p05, IntToDoubleFunction accuracy) {
        return new Rounds(10)
                .with(SeriesNames.MODEL_MARGIN, tags(SGD, "quantile", "0.05"), p05)
                .with(SeriesNames.MODEL_MARGIN, tags(SGD, "quantile", "0.5"), i -> 1.0)
                .with(SeriesNames.TRAINER_ACCURACY, tags(SGD, "window", "sliding"), accuracy)
                .with(SeriesNames.TRAINER_ACCURACY, tags(SGD, "window", "cumulative"), i -> 0.2);
    }

    @Test
    void marginCollapseFiresWhenP05TurnsNegativeWhileAccuracyHolds() {
        List<LiveAlerts.Status> all = marginAndAccuracy(i -> 0.5 - 0.1 * i, i -> 0.93 + (i % 2) * 0.01).evaluate();
        LiveAlerts.Status s = status(all, AlertNames.MARGIN_COLLAPSE);
        assertThat(s.firing()).hasSize(1);
        assertThat(s.firing().get(0).labels()).containsEntry("quantile", "0.05");
        assertThat(s.firing().get(0).detail()).contains("p05 margin -0.400").contains("was up to 0.500");
    }

    @Test
    void marginCollapseStaysQuietWhenAccuracyFallsOrTheMarginWasNeverPositive() {
        assertThat(status(marginAndAccuracy(i -> 0.5 - 0.1 * i, i -> 0.95 - 0.03 * i).evaluate(),
                AlertNames.MARGIN_COLLAPSE).firing()).as("accuracy fell 0.27").isEmpty();
    }

    @Test
    void aMarginThatWasNeverPositiveIsNotACollapse() {
        assertThat(status(marginAndAccuracy(i -> -0.1, i -> 0.95).evaluate(), AlertNames.MARGIN_COLLAPSE).firing())
                .isEmpty();
    }

    /** The quiet case: a large step on separable data, high logistic loss, no errors, no divergence. */
    @Test
    void highLossWithPerfectAccuracyOnSeparableDataFiresNothing() {
        List<LiveAlerts.Status> all = new Rounds(150)
                .with("sgdscope_trainer_prequential_loss", tags(SGD, "window", "sliding"), i -> 4.0 + (i % 3))
                .with(SeriesNames.TRAINER_ACCURACY, tags(SGD, "window", "sliding"), i -> 1.0)
                .with(SeriesNames.MODEL_MARGIN, tags(SGD, "quantile", "0.05"), i -> 0.2 + 0.01 * i)
                .with(SeriesNames.TRAINER_DIVERGENCES, SGD, i -> 0)
                .with(SeriesNames.TRAINER_SAMPLES, SGD, i -> 100.0 * i)
                .with(SeriesNames.PRODUCER_SAMPLES, Map.of("stream", "s"), i -> 100.0 * i)
                .evaluate();
        assertThat(firing(all)).isEmpty();
    }

    private Rounds streams(IntToDoubleFunction valid, IntToDoubleFunction dlq) {
        return new Rounds(100)
                .with(SeriesNames.STREAMS_RECORDS, Map.of("outcome", "valid"), valid)
                .with(SeriesNames.STREAMS_RECORDS, Map.of("outcome", "dlq"), dlq);
    }

    @Test
    void dlqAboveOnePercentOfTheWindowsInputFires() {
        // last 60 s: 600 valid and 10 to the DLQ: 10 / 610 = 1.6 %
        List<LiveAlerts.Status> all = streams(i -> 10.0 * i, i -> i < 40 ? 0 : (i - 39) / 6).evaluate();
        LiveAlerts.Status s = status(all, AlertNames.DLQ_RATE_HIGH);
        assertThat(s.firing()).hasSize(1);
        assertThat(s.firing().get(0).detail()).startsWith("10 of 610 records");
    }

    @Test
    void dlqBelowOnePercentOrBeforeTheWindowIsQuiet() {
        // 5 of 605 in the window: 0.8 %
        assertThat(status(streams(i -> 10.0 * i, i -> i < 40 ? 0 : Math.floor((i - 39) / 12.0)).evaluate(),
                AlertNames.DLQ_RATE_HIGH).firing()).isEmpty();
    }

    @Test
    void dlqRecordsBeforeTheWindowAreQuiet() {
        List<LiveAlerts.Status> all = streams(i -> 10.0 * i, i -> i < 30 ? i : 30).evaluate();
        assertThat(status(all, AlertNames.DLQ_RATE_HIGH).firing()).isEmpty();
    }

    @Test
    void aTrainerWithNoSamplesForTheWholeWindowWhileTheProducerProducesIsStalled() {
        List<LiveAlerts.Status> all = new Rounds(180)
                .with(SeriesNames.TRAINER_SAMPLES, SGD, i -> Math.min(i, 50) * 10.0)
                .with(SeriesNames.PRODUCER_SAMPLES, Map.of("stream", "s"), i -> i * 10.0)
                .evaluate();
        assertThat(status(all, AlertNames.TRAINER_STALLED).firing()).singleElement()
                .satisfies(f -> assertThat(f.detail()).startsWith("0 samples trained since").contains("1200 produced"));
    }

    @Test
    void aStandaloneTrainerWithLagAndNoProgressIsStalled() {
        List<LiveAlerts.Status> all = new Rounds(130)
                .with(SeriesNames.TRAINER_SAMPLES, SGD, i -> 500)
                .with(SeriesNames.TRAINER_CONSUMER_LAG, Map.of(), i -> 40)
                .evaluate();
        assertThat(firing(all)).containsExactly(AlertNames.TRAINER_STALLED);
    }

    @Test
    void stallNeedsAWholeWindowOfHistoryAndWorkToDo() {
        assertThat(status(new Rounds(100)
                .with(SeriesNames.TRAINER_SAMPLES, SGD, i -> 0)
                .with(SeriesNames.PRODUCER_SAMPLES, Map.of("stream", "s"), i -> i * 10.0)
                .evaluate(), AlertNames.TRAINER_STALLED).firing()).as("only 99 s of history").isEmpty();
    }

    @Test
    void anIdleTrainerWithNothingToDoIsNotStalled() {
        assertThat(status(new Rounds(180)
                .with(SeriesNames.TRAINER_SAMPLES, SGD, i -> 500)
                .with(SeriesNames.PRODUCER_SAMPLES, Map.of("stream", "s"), i -> 500)
                .with(SeriesNames.TRAINER_CONSUMER_LAG, Map.of(), i -> 0)
                .evaluate(), AlertNames.TRAINER_STALLED).firing()).isEmpty();
    }

    @Test
    void aDetectionWithinTheWindowIsReportedAsInfo() {
        List<LiveAlerts.Status> all = new Rounds(100)
                .with(SeriesNames.DRIFT_DETECTIONS, tags(SGD, "detector", "adwin"), i -> i < 80 ? 0 : 1)
                .with(SeriesNames.DRIFT_DETECTIONS, tags(SGD, "detector", "ddm"), i -> i < 20 ? 0 : 1)
                .evaluate();
        LiveAlerts.Status s = status(all, AlertNames.DRIFT_DETECTED);
        assertThat(s.severity()).isEqualTo(Severity.INFO);
        assertThat(s.firing()).extracting(f -> f.labels().get("detector")).containsExactly("adwin");
    }

    @Test
    void increaseCountsACounterRestartAsFromZero() {
        MetricHistory h = new MetricHistory(10, 10);
        SeriesKey k = new SeriesKey("c_total", new TreeMap<>());
        long[] t = {1000, 2000, 3000, 4000};
        double[] v = {5, 8, 2, 4};
        for (int i = 0; i < t.length; i++) {
            h.record(k, t[i], v[i]);
        }
        MetricHistory.Series s = h.since(0).get(0);
        assertThat(LiveAlerts.increase(s, 1000)).isEqualTo(3 + 2 + 2);
        assertThat(LiveAlerts.increase(s, 2500)).isEqualTo(2 + 2);
        assertThat(LiveAlerts.increase(s, 0)).as("a series starting inside the window counts from its first point")
                .isEqualTo(3 + 2 + 2);
    }
}

package io.sgdscope.monitoring.dashboard;

import static io.sgdscope.monitoring.alerts.AlertNames.DEAD_UNITS_HIGH;
import static io.sgdscope.monitoring.alerts.AlertNames.DLQ_RATE_HIGH;
import static io.sgdscope.monitoring.alerts.AlertNames.DRIFT_DETECTED;
import static io.sgdscope.monitoring.alerts.AlertNames.EDGE_OF_STABILITY;
import static io.sgdscope.monitoring.alerts.AlertNames.MARGIN_COLLAPSE;
import static io.sgdscope.monitoring.alerts.AlertNames.TRAINER_STALLED;
import static io.sgdscope.monitoring.alerts.AlertNames.TRAINING_DIVERGED;
import static io.sgdscope.monitoring.alerts.Severity.CRITICAL;
import static io.sgdscope.monitoring.alerts.Severity.INFO;
import static io.sgdscope.monitoring.alerts.Severity.WARNING;

import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.monitoring.alerts.AlertNames;
import io.sgdscope.monitoring.alerts.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simple alert conditions, evaluated in Java over the {@link MetricHistory}, so the built-in
 * dashboard can say what is wrong without Prometheus. Names are the Prometheus alerts' ({@link AlertNames})
 * and so are severities; the conditions are their instantaneous versions (no {@code for:} durations):
 * <ul>
 *   <li>{@value AlertNames#TRAINING_DIVERGED}: a divergence counter increased within {@code recent};</li>
 *   <li>{@value AlertNames#EDGE_OF_STABILITY}: the current eos ratio η·λmax/2 is above 1;</li>
 *   <li>{@value AlertNames#DEAD_UNITS_HIGH}: a layer's current dead-unit ratio is above {@code deadUnits};</li>
 *   <li>{@value AlertNames#MARGIN_COLLAPSE}: the current p05 margin is below 0, it was positive earlier in the
 *       history, and the sliding accuracy holds (within {@code accuracyTolerance} of its best);</li>
 *   <li>{@value AlertNames#DLQ_RATE_HIGH}: the DLQ took more than {@code dlqRatio} of the streams app's
 *       records within {@code dlqWindow};</li>
 *   <li>{@value AlertNames#TRAINER_STALLED}: no trained sample for {@code stall} (the history must reach back
 *       that far) while the producer produced or the trainer has lag;</li>
 *   <li>{@value AlertNames#DRIFT_DETECTED} (info): a drift detector signalled within {@code recent}.</li>
 * </ul>
 * "Current" means the value of the newest sampling round; a series that has no value then (NaN)
 * does not fire.
 */
public final class LiveAlerts {

    /** One instance of a firing alert: the series' tags and what the values are. */
    public record Firing(SortedMap<String, String> labels, String detail) {
    }

    /** One rule's state now; it fires while {@link #firing()} is not empty. */
    public record Status(String alert, Severity severity, String condition, List<Firing> firing) {
    }

    private final LiveAlertRules rules;

    public LiveAlerts(LiveAlertRules rules) {
        this.rules = rules;
    }

    /** Every rule, in a fixed order, with what fires in {@code history} as of its newest round. */
    public List<Status> evaluate(MetricHistory history) {
        long now = history.lastTimeMs();
        List<Status> out = new ArrayList<>();
        out.add(new Status(TRAINING_DIVERGED, CRITICAL, "divergences increased in the last " + human(rules.recent().toMillis()),
                increased(history, SeriesNames.TRAINER_DIVERGENCES, now - rules.recent().toMillis(), "divergences")));
        out.add(new Status(EDGE_OF_STABILITY, WARNING, "eos ratio η·λmax/2 > 1",
                currentAbove(history, SeriesNames.MODEL_EOS_RATIO, Map.of(), 1.0, now, "eos ratio")));
        out.add(new Status(DEAD_UNITS_HIGH, WARNING, "dead-unit ratio > " + fmt(rules.deadUnits()),
                currentAbove(history, SeriesNames.MODEL_DEAD_UNITS_RATIO, Map.of(), rules.deadUnits(), now, "dead units")));
        out.add(new Status(MARGIN_COLLAPSE, WARNING, "p05 margin < 0 after being positive, while accuracy holds",
                marginCollapse(history, now)));
        out.add(new Status(DLQ_RATE_HIGH, WARNING, "DLQ > " + fmt(100 * rules.dlqRatio()) + "% of input over "
                + human(rules.dlqWindow().toMillis()), dlqRate(history, now)));
        out.add(new Status(TRAINER_STALLED, CRITICAL, "no trained samples for " + human(rules.stall().toMillis())
                + " while samples are produced or waiting", stalled(history, now)));
        out.add(new Status(DRIFT_DETECTED, INFO, "a drift detector fired in the last " + human(rules.recent().toMillis()),
                increased(history, SeriesNames.DRIFT_DETECTIONS, now - rules.recent().toMillis(), "detections")));
        return out;
    }

    private static List<Firing> increased(MetricHistory history, String name, long fromMs, String what) {
        List<Firing> out = new ArrayList<>();
        for (MetricHistory.Series s : history.select(name, Map.of())) {
            double inc = increase(s, fromMs);
            if (inc > 0) {
                out.add(new Firing(s.key().tags(), fmt(inc) + " " + what + " since " + clock(fromMs)
                        + " (total " + fmt(s.last().value()) + ")"));
            }
        }
        return out;
    }

    private static List<Firing> currentAbove(MetricHistory history, String name, Map<String, String> selector,
                                             double threshold, long now, String what) {
        List<Firing> out = new ArrayList<>();
        for (MetricHistory.Series s : history.select(name, selector)) {
            Double v = current(s, now);
            if (v != null && v > threshold) {
                out.add(new Firing(s.key().tags(), what + " " + fmt(v) + " > " + fmt(threshold)));
            }
        }
        return out;
    }

    private List<Firing> marginCollapse(MetricHistory history, long now) {
        List<Firing> out = new ArrayList<>();
        for (MetricHistory.Series margin : history.select(SeriesNames.MODEL_MARGIN,
                Map.of(MeterNames.TAG_QUANTILE, SeriesNames.QUANTILE_P05))) {
            Double m = current(margin, now);
            if (m == null || m >= 0) {
                continue;
            }
            double best = margin.points().stream().mapToDouble(MetricHistory.Point::value).max().orElse(Double.NaN);
            if (!(best > 0)) {
                continue;
            }
            Map<String, String> sameModel = Map.of(
                    MeterNames.TAG_MODEL, margin.key().tags().getOrDefault(MeterNames.TAG_MODEL, ""),
                    MeterNames.TAG_STREAM, margin.key().tags().getOrDefault(MeterNames.TAG_STREAM, ""),
                    MeterNames.TAG_WINDOW, SeriesNames.WINDOW_SLIDING);
            for (MetricHistory.Series acc : history.select(SeriesNames.TRAINER_ACCURACY, sameModel)) {
                Double a = current(acc, now);
                double bestAcc = acc.points().stream().mapToDouble(MetricHistory.Point::value).max().orElse(Double.NaN);
                if (a != null && a >= bestAcc - rules.accuracyTolerance()) {
                    out.add(new Firing(margin.key().tags(), "p05 margin " + fmt(m) + " (was up to " + fmt(best)
                            + "); sliding accuracy " + fmt(a) + " (best " + fmt(bestAcc) + ")"));
                }
            }
        }
        return out;
    }

    private List<Firing> dlqRate(MetricHistory history, long now) {
        long from = now - rules.dlqWindow().toMillis();
        double dlq = 0;
        double all = 0;
        for (MetricHistory.Series s : history.select(SeriesNames.STREAMS_RECORDS, Map.of())) {
            double inc = increase(s, from);
            all += inc;
            if (SeriesNames.OUTCOME_DLQ.equals(s.key().tags().get(MeterNames.TAG_OUTCOME))) {
                dlq += inc;
            }
        }
        if (all > 0 && dlq / all > rules.dlqRatio()) {
            return List.of(new Firing(new TreeMap<>(), fmt(dlq) + " of " + fmt(all) + " records to the DLQ since "
                    + clock(from) + " (" + fmt(100 * dlq / all) + "%)"));
        }
        return List.of();
    }

    private List<Firing> stalled(MetricHistory history, long now) {
        long from = now - rules.stall().toMillis();
        if (history.firstTimeMs() == Long.MIN_VALUE || history.firstTimeMs() > from) {
            return List.of(); // the history does not reach back a whole window yet
        }
        double trained = 0;
        for (MetricHistory.Series s : history.select(SeriesNames.TRAINER_SAMPLES, Map.of())) {
            trained += increase(s, from);
        }
        if (trained > 0) {
            return List.of();
        }
        double produced = 0;
        for (MetricHistory.Series s : history.select(SeriesNames.PRODUCER_SAMPLES, Map.of())) {
            produced += increase(s, from);
        }
        double lag = 0;
        for (MetricHistory.Series s : history.select(SeriesNames.TRAINER_CONSUMER_LAG, Map.of())) {
            Double v = current(s, now);
            lag += v == null ? 0 : v;
        }
        if (produced > 0 || lag > 0) {
            return List.of(new Firing(new TreeMap<>(), "0 samples trained since " + clock(from) + "; "
                    + fmt(produced) + " produced, lag " + fmt(lag) + " records"));
        }
        return List.of();
    }

    /** The value at the newest round, or null if the series has none then. */
    private static Double current(MetricHistory.Series s, long now) {
        MetricHistory.Point last = s.last();
        return last != null && last.timeMs() == now ? last.value() : null;
    }

    /**
     * How much a counter rose after {@code fromMs}: from the last point at or before it (or the
     * first point after it, if the series starts later) to the newest; a drop is a restart from 0.
     */
    static double increase(MetricHistory.Series s, long fromMs) {
        List<MetricHistory.Point> points = s.points();
        int start = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).timeMs() <= fromMs) {
                start = i;
            }
        }
        double inc = 0;
        for (int i = start + 1; i < points.size(); i++) {
            double prev = points.get(i - 1).value();
            double v = points.get(i).value();
            inc += v >= prev ? v - prev : v;
        }
        return inc;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String human(long ms) {
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String clock(long ms) {
        return java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(ms).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + "Z";
    }
}

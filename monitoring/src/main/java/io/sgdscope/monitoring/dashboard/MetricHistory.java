package io.sgdscope.monitoring.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent past of every sampled series, in memory and bounded twice: at most
 * {@code pointsPerSeries} points per series (the oldest are overwritten) and at most
 * {@code maxSeries} series (points of further series are dropped and counted, never stored).
 * Thread-safe: the sampler writes while HTTP handlers read.
 */
public final class MetricHistory {

    /** A point in time and the series' value then. */
    public record Point(long timeMs, double value) {
    }

    /** A copy of one series' points, oldest first. */
    public record Series(SeriesKey key, List<Point> points) {

        public Point last() {
            return points.isEmpty() ? null : points.get(points.size() - 1);
        }
    }

    private final int pointsPerSeries;
    private final int maxSeries;
    private final Map<SeriesKey, Ring> series = new LinkedHashMap<>();
    private long droppedPoints;
    private long firstTimeMs = Long.MIN_VALUE;
    private long lastTimeMs = Long.MIN_VALUE;

    public MetricHistory(int pointsPerSeries, int maxSeries) {
        if (pointsPerSeries < 2) {
            throw new IllegalArgumentException("pointsPerSeries must be at least 2, got " + pointsPerSeries);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, got " + maxSeries);
        }
        this.pointsPerSeries = pointsPerSeries;
        this.maxSeries = maxSeries;
    }

    /** Adds a point; a point not after the series' last one is ignored (time only moves forward). */
    public synchronized void record(SeriesKey key, long timeMs, double value) {
        Ring ring = series.get(key);
        if (ring == null) {
            if (series.size() >= maxSeries) {
                droppedPoints++;
                return;
            }
            ring = new Ring(pointsPerSeries);
            series.put(key, ring);
        }
        ring.add(timeMs, value);
    }

    /** Marks a completed sampling round at {@code timeMs}, so windows know how far back the history reaches. */
    public synchronized void sampled(long timeMs) {
        if (firstTimeMs == Long.MIN_VALUE) {
            firstTimeMs = timeMs;
        }
        lastTimeMs = Math.max(lastTimeMs, timeMs);
    }

    /** The first sampling round, or {@code Long.MIN_VALUE} before it: how far back windows can look. */
    public synchronized long firstTimeMs() {
        return firstTimeMs;
    }

    public synchronized long lastTimeMs() {
        return lastTimeMs;
    }

    /** Points of series that were dropped because the series limit was reached. */
    public synchronized long droppedPoints() {
        return droppedPoints;
    }

    public synchronized int seriesCount() {
        return series.size();
    }

    /** Every series with its points after {@code sinceMs} (exclusive); series with none are left out. */
    public synchronized List<Series> since(long sinceMs) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<SeriesKey, Ring> e : series.entrySet()) {
            List<Point> points = e.getValue().after(sinceMs);
            if (!points.isEmpty()) {
                out.add(new Series(e.getKey(), points));
            }
        }
        return out;
    }

    /** Every series of metric {@code name} whose tags include {@code selector}, with all their points. */
    public synchronized List<Series> select(String name, Map<String, String> selector) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<SeriesKey, Ring> e : series.entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().matches(selector)) {
                out.add(new Series(e.getKey(), e.getValue().after(Long.MIN_VALUE)));
            }
        }
        return out;
    }

    /** A fixed-size ring of (time, value). */
    private static final class Ring {
        private final long[] times;
        private final double[] values;
        private int start;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(long timeMs, double value) {
            if (size > 0 && timeMs <= times[index(size - 1)]) {
                return;
            }
            if (size < times.length) {
                times[index(size)] = timeMs;
                values[index(size)] = value;
                size++;
            } else {
                times[start] = timeMs;
                values[start] = value;
                start = start + 1 == times.length ? 0 : start + 1;
            }
        }

        private int index(int i) {
            int j = start + i;
            return j >= times.length ? j - times.length : j;
        }

        List<Point> after(long sinceMs) {
            List<Point> out = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int j = index(i);
                if (times[j] > sinceMs) {
                    out.add(new Point(times[j], values[j]));
                }
            }
            return out;
        }
    }
}

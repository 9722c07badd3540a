package io.sgdscope.ingest;

/**
 * Count, mean and sum of squared deviations of a numeric feature seen so far on a stream (Welford's
 * update, stable for long streams): the state of {@code scale: standard} without fixed moments.
 * A value to keep in a changelogged store: three numbers.
 */
public record RunningMoments(long count, double mean, double m2) {

    public static final RunningMoments EMPTY = new RunningMoments(0, 0, 0);

    /** These moments with {@code x} added. */
    public RunningMoments plus(double x) {
        long n = count + 1;
        double delta = x - mean;
        double newMean = mean + delta / n;
        return new RunningMoments(n, newMean, m2 + delta * (x - newMean));
    }

    /** The sample standard deviation, or 0 with fewer than two values. */
    public double sd() {
        return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
    }
}

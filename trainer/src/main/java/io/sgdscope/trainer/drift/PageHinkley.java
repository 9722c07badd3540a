package io.sgdscope.trainer.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Page-Hinkley test (Page 1954, in the form Gama et al. use for drift detection) for an
 * increase of the mean. With x̄_T the mean of the observations since the last reset,
 *
 * <pre>
 *   m_T = Σ_{t≤T} (x_t − x̄_t − δ),   M_T = min_{t≤T} m_t,   drift when PH_T = m_T − M_T > λ
 * </pre>
 *
 * computed in its recursive form PH_T = max(0, α·PH_{T−1} + x_T − x̄_T − δ), which equals m_T − M_T
 * for α = 1; α &lt; 1 fades old evidence (a forgetting factor on the accumulated deviation, so it
 * can only delay a detection, never cause one). No drift is reported before {@code minInstances}
 * observations; after a drift the test starts afresh. δ is the tolerated increase and λ the
 * threshold, both in units of the observations.
 */
public final class PageHinkley implements DriftDetector {

    public static final String NAME = "page-hinkley";
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_LAMBDA = 50;
    public static final double DEFAULT_ALPHA = 1 - 1e-4;
    public static final int DEFAULT_MIN_INSTANCES = 30;

    private final double delta;
    private final double lambda;
    private final double alpha;
    private final int minInstances;

    private long n;
    private double mean;
    private double statistic;

    public PageHinkley() {
        this(DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA, DEFAULT_MIN_INSTANCES);
    }

    public PageHinkley(double delta, double lambda, double alpha, int minInstances) {
        if (!(delta >= 0 && Double.isFinite(delta))) {
            throw new IllegalArgumentException("page-hinkley delta must be >= 0, got " + delta);
        }
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("page-hinkley lambda must be > 0, got " + lambda);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("page-hinkley alpha must be in (0, 1], got " + alpha);
        }
        if (minInstances < 1) {
            throw new IllegalArgumentException("page-hinkley minInstances must be >= 1, got " + minInstances);
        }
        this.delta = delta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.minInstances = minInstances;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** PH_T, the statistic compared with λ. */
    public double statistic() {
        return statistic;
    }

    /** Observations since the last reset. */
    public long count() {
        return n;
    }

    @Override
    public boolean update(double value) {
        DriftDetector.requireFinite(NAME, value);
        n++;
        mean += (value - mean) / n;
        statistic = Math.max(0, alpha * statistic + value - mean - delta);
        if (n >= minInstances && statistic > lambda) {
            reset();
            return true;
        }
        return false;
    }

    @Override
    public void reset() {
        n = 0;
        mean = 0;
        statistic = 0;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(delta);
        out.writeDouble(lambda);
        out.writeDouble(alpha);
        out.writeInt(minInstances);
        out.writeLong(n);
        out.writeDouble(mean);
        out.writeDouble(statistic);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        DriftDetector.requireSame(NAME, "delta", in.readDouble(), delta);
        DriftDetector.requireSame(NAME, "lambda", in.readDouble(), lambda);
        DriftDetector.requireSame(NAME, "alpha", in.readDouble(), alpha);
        DriftDetector.requireSame(NAME, "minInstances", in.readInt(), minInstances);
        long savedN = in.readLong();
        double savedMean = in.readDouble();
        double savedStatistic = in.readDouble();
        if (savedN < 0 || !(savedStatistic >= 0)) {
            throw new IOException("page-hinkley state is damaged: count " + savedN + ", statistic " + savedStatistic);
        }
        n = savedN;
        mean = savedMean;
        statistic = savedStatistic;
    }
}

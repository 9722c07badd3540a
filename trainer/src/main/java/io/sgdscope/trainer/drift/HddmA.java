package io.sgdscope.trainer.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * HDDM_A, the drift detector of Frías-Blanco, del Campo-Ávila, Ramos-Jiménez, Morales-Bueno,
 * Ortiz-Díaz &amp; Caballero-Mota ("Online and non-parametric drift detection methods based on
 * Hoeffding's bounds", IEEE TKDE 27(3), 2015), with its A-test on moving averages of 0/1 errors.
 *
 * <p>It keeps the running mean Z of all observations since the last drift and a cut point X: the
 * prefix whose mean plus its Hoeffding bound ε(n) = sqrt(ln(1/δ)/(2n)) was smallest. The mean has
 * increased (a drift) when
 * <pre>  Z − X ≥ sqrt(m/2 · ln(2/δ)),  m = (n_Z − n_X) / (n_X · n_Z)</pre>
 * at δ = {@code driftConfidence}; at the larger δ = {@code warningConfidence} it is a warning.
 * The two-sided variant also keeps the prefix with the largest mean minus its bound and tests
 * for a decrease the same way. Unlike DDM it needs no minimum number of observations: the bound
 * itself is wide while n is small.
 *
 * <p>The reference output of River's implementation (its documented example, two seeded
 * Bernoulli streams) is reproduced in the tests. Allocation-free; state is eight numbers.
 */
public final class HddmA implements WarningDetector {

    public static final String NAME = "hddm-a";
    public static final double DEFAULT_DRIFT_CONFIDENCE = 0.001;
    public static final double DEFAULT_WARNING_CONFIDENCE = 0.005;

    private final double driftConfidence;
    private final double warningConfidence;
    private final boolean twoSided;
    /** ln(1/δ) of the cut-point bound, ln(2/δ) of the drift and warning tests: constants, so not recomputed per update. */
    private final double logInverseDrift;
    private final double logTwoOverDrift;
    private final double logTwoOverWarning;

    /** All observations since the last drift. */
    private long n;
    private double sum;
    /** The cut point for an increase: the prefix with the smallest mean + bound. */
    private long nMin;
    private double sumMin;
    /** The cut point for a decrease: the prefix with the largest mean − bound. */
    private long nMax;
    private double sumMax;
    private boolean warning;

    public HddmA() {
        this(DEFAULT_DRIFT_CONFIDENCE, DEFAULT_WARNING_CONFIDENCE, false);
    }

    public HddmA(double driftConfidence, double warningConfidence, boolean twoSided) {
        if (!(driftConfidence > 0 && driftConfidence < 1)) {
            throw new IllegalArgumentException("hddm-a drift confidence must be in (0, 1), got " + driftConfidence);
        }
        if (!(warningConfidence > driftConfidence && warningConfidence < 1)) {
            throw new IllegalArgumentException("hddm-a warning confidence must be in (drift confidence "
                    + driftConfidence + ", 1), got " + warningConfidence);
        }
        this.driftConfidence = driftConfidence;
        this.warningConfidence = warningConfidence;
        this.twoSided = twoSided;
        this.logInverseDrift = Math.log(1 / driftConfidence);
        this.logTwoOverDrift = Math.log(2 / driftConfidence);
        this.logTwoOverWarning = Math.log(2 / warningConfidence);
        reset();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean inWarning() {
        return warning;
    }

    @Override
    public boolean update(double value) {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("hddm-a: observation must be a 0/1 error, got " + value);
        }
        n++;
        sum += value;
        if (nMin == 0) {
            nMin = n;
            sumMin = sum;
        }
        if (nMax == 0) {
            nMax = n;
            sumMax = sum;
        }
        double mean = sum / n;
        double boundAll = bound(n);
        if (sumMin / nMin + bound(nMin) >= mean + boundAll) {
            nMin = n;
            sumMin = sum;
        }
        if (sumMax / nMax - bound(nMax) <= mean - boundAll) {
            nMax = n;
            sumMax = sum;
        }
        boolean drift = exceeds(mean - sumMin / nMin, nMin, logTwoOverDrift);
        boolean warn = !drift && exceeds(mean - sumMin / nMin, nMin, logTwoOverWarning);
        if (twoSided) {
            double fall = sumMax / nMax - mean;
            if (exceeds(fall, nMax, logTwoOverDrift)) {
                drift = true;
            } else if (exceeds(fall, nMax, logTwoOverWarning)) {
                warn = true;
            }
        }
        if (drift) {
            reset();
            return true;
        }
        warning = warn;
        return false;
    }

    /** ε(k) = sqrt(ln(1/δ) / 2k) at the drift confidence: the bound that places the cut points. */
    private double bound(long k) {
        return Math.sqrt(logInverseDrift / (2.0 * k));
    }

    /** The A-test: is a difference of {@code gap} between the cut prefix and all observations significant at δ (given as ln(2/δ))? */
    private boolean exceeds(double gap, long nCut, double logTwoOverConfidence) {
        if (nCut == n) {
            return false;
        }
        double m = (double) (n - nCut) / nCut / n;
        return gap >= Math.sqrt(m / 2 * logTwoOverConfidence);
    }

    @Override
    public void reset() {
        n = 0;
        sum = 0;
        nMin = 0;
        sumMin = 0;
        nMax = 0;
        sumMax = 0;
        warning = false;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(driftConfidence);
        out.writeDouble(warningConfidence);
        out.writeBoolean(twoSided);
        out.writeLong(n);
        out.writeDouble(sum);
        out.writeLong(nMin);
        out.writeDouble(sumMin);
        out.writeLong(nMax);
        out.writeDouble(sumMax);
        out.writeBoolean(warning);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        DriftDetector.requireSame(NAME, "drift confidence", in.readDouble(), driftConfidence);
        DriftDetector.requireSame(NAME, "warning confidence", in.readDouble(), warningConfidence);
        if (in.readBoolean() != twoSided) {
            throw new IOException(NAME + " state was saved with two-sided = " + !twoSided + ", this detector has "
                    + twoSided);
        }
        long savedN = in.readLong();
        double savedSum = in.readDouble();
        long savedNMin = in.readLong();
        double savedSumMin = in.readDouble();
        long savedNMax = in.readLong();
        double savedSumMax = in.readDouble();
        boolean savedWarning = in.readBoolean();
        if (savedN < 0 || savedNMin < 0 || savedNMax < 0 || savedNMin > savedN || savedNMax > savedN
                || !(savedSum >= 0 && savedSum <= savedN) || !(savedSumMin >= 0 && savedSumMin <= savedNMin)
                || !(savedSumMax >= 0 && savedSumMax <= savedNMax)) {
            throw new IOException(NAME + " state is damaged: n=" + savedN + " sum=" + savedSum
                    + " cut points (" + savedNMin + ", " + savedSumMin + ") (" + savedNMax + ", " + savedSumMax + ")");
        }
        n = savedN;
        sum = savedSum;
        nMin = savedNMin;
        sumMin = savedSumMin;
        nMax = savedNMax;
        sumMax = savedSumMax;
        warning = savedWarning;
    }
}

package io.sgdscope.trainer.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * DDM, the drift detection method of Gama, Medas, Castillo &amp; Rodrigues ("Learning with drift
 * detection", SBIA 2004), on binary errors. After i observations the error rate is p_i (the
 * fraction of 1s) with s_i = sqrt(p_i(1 − p_i)/i). From {@code minInstances} observations on it
 * keeps p_min and s_min at the smallest p_i + s_i seen, and reports
 *
 * <ul>
 *   <li>a warning while p_i + s_i ≥ p_min + w·s_min (w = 2);</li>
 *   <li>a drift when p_i + s_i ≥ p_min + d·s_min (d = 3), after which it starts afresh.</li>
 * </ul>
 *
 * <p>One refinement of the paper: a minimum is only recorded while s_i &gt; 0. Otherwise a
 * stream whose first {@code minInstances} observations happen to be all correct would have
 * p_min + s_min = 0 and call its first error a drift.
 */
public final class Ddm implements WarningDetector {

    public static final String NAME = "ddm";
    public static final double DEFAULT_WARNING = 2;
    public static final double DEFAULT_DRIFT = 3;
    public static final int DEFAULT_MIN_INSTANCES = 30;

    private final double warningLevel;
    private final double driftLevel;
    private final int minInstances;

    private long n;
    private long errors;
    private double pMin;
    private double sMin;
    private boolean warning;

    public Ddm() {
        this(DEFAULT_WARNING, DEFAULT_DRIFT, DEFAULT_MIN_INSTANCES);
    }

    public Ddm(double warningLevel, double driftLevel, int minInstances) {
        if (!(warningLevel > 0 && Double.isFinite(warningLevel))) {
            throw new IllegalArgumentException("ddm warning level must be > 0, got " + warningLevel);
        }
        if (!(driftLevel > warningLevel && Double.isFinite(driftLevel))) {
            throw new IllegalArgumentException("ddm drift level must be > the warning level " + warningLevel
                    + ", got " + driftLevel);
        }
        if (minInstances < 1) {
            throw new IllegalArgumentException("ddm minInstances must be >= 1, got " + minInstances);
        }
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        this.minInstances = minInstances;
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

    /** p_i, the error rate since the last reset; NaN before any observation. */
    double errorRate() {
        return n == 0 ? Double.NaN : (double) errors / n;
    }

    @Override
    public boolean update(double value) {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("ddm: observation must be a 0/1 error, got " + value);
        }
        n++;
        if (value == 1) {
            errors++;
        }
        warning = false;
        if (n < minInstances) {
            return false;
        }
        double p = (double) errors / n;
        double s = Math.sqrt(p * (1 - p) / n);
        if (s > 0 && p + s < pMin + sMin) {
            pMin = p;
            sMin = s;
        }
        if (p + s >= pMin + driftLevel * sMin) {
            reset();
            return true;
        }
        warning = p + s >= pMin + warningLevel * sMin;
        return false;
    }

    @Override
    public void reset() {
        n = 0;
        errors = 0;
        pMin = Double.POSITIVE_INFINITY;
        sMin = Double.POSITIVE_INFINITY;
        warning = false;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(warningLevel);
        out.writeDouble(driftLevel);
        out.writeInt(minInstances);
        out.writeLong(n);
        out.writeLong(errors);
        out.writeDouble(pMin);
        out.writeDouble(sMin);
        out.writeBoolean(warning);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        DriftDetector.requireSame(NAME, "warning level", in.readDouble(), warningLevel);
        DriftDetector.requireSame(NAME, "drift level", in.readDouble(), driftLevel);
        DriftDetector.requireSame(NAME, "minInstances", in.readInt(), minInstances);
        long savedN = in.readLong();
        long savedErrors = in.readLong();
        double savedPMin = in.readDouble();
        double savedSMin = in.readDouble();
        boolean savedWarning = in.readBoolean();
        if (savedN < 0 || savedErrors < 0 || savedErrors > savedN) {
            throw new IOException("ddm state is damaged: " + savedErrors + " errors in " + savedN + " observations");
        }
        n = savedN;
        errors = savedErrors;
        pMin = savedPMin;
        sMin = savedSMin;
        warning = savedWarning;
    }
}

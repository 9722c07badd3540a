package io.sgdscope.trainer.drift;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which drift detectors run on each model's prequential error, their hyperparameters, and the
 * horizon within which a detection counts as finding a true shift ({@link DetectionScorer}).
 * {@code minSamples} is the minimum number of observations before Page-Hinkley or DDM may
 * report a drift. An empty detector list turns detection off.
 */
public record DriftSettings(List<String> detectors, double adwinDelta, double phDelta, double phLambda,
                            double phAlpha, double ddmWarning, double ddmDrift, int minSamples, long horizon,
                            double kswinAlpha, int kswinWindow, int kswinStat, double hddmDrift, double hddmWarning,
                            boolean hddmTwoSided) {

    public static final String DETECTORS = "trainer.drift.detectors";
    public static final String ADWIN_DELTA = "trainer.drift.adwin-delta";
    public static final String PH_DELTA = "trainer.drift.ph-delta";
    public static final String PH_LAMBDA = "trainer.drift.ph-lambda";
    public static final String PH_ALPHA = "trainer.drift.ph-alpha";
    public static final String DDM_WARNING = "trainer.drift.ddm-warning";
    public static final String DDM_DRIFT = "trainer.drift.ddm-drift";
    public static final String MIN_SAMPLES = "trainer.drift.min-samples";
    public static final String HORIZON = "trainer.drift.horizon";
    public static final String KSWIN_ALPHA = "trainer.drift.kswin-alpha";
    public static final String KSWIN_WINDOW = "trainer.drift.kswin-window";
    public static final String KSWIN_STAT = "trainer.drift.kswin-stat";
    public static final String HDDM_DRIFT = "trainer.drift.hddm-drift-confidence";
    public static final String HDDM_WARNING = "trainer.drift.hddm-warning-confidence";
    public static final String HDDM_TWO_SIDED = "trainer.drift.hddm-two-sided";
    public static final Set<String> KEYS = Set.of(DETECTORS, ADWIN_DELTA, PH_DELTA, PH_LAMBDA, PH_ALPHA, DDM_WARNING,
            DDM_DRIFT, MIN_SAMPLES, HORIZON, KSWIN_ALPHA, KSWIN_WINDOW, KSWIN_STAT, HDDM_DRIFT, HDDM_WARNING,
            HDDM_TWO_SIDED);

    /** Every detector name. */
    public static final List<String> KNOWN = List.of(Adwin.NAME, PageHinkley.NAME, Ddm.NAME, HddmA.NAME, Kswin.NAME);
    /**
     * The detectors that run unless configured: all but KSWIN, whose Kolmogorov-Smirnov test on every
     * sample costs far more than the others' constant-time updates (see the detector benchmark).
     */
    public static final List<String> DEFAULTS = List.of(Adwin.NAME, PageHinkley.NAME, Ddm.NAME, HddmA.NAME);
    /** KSWIN draws its reference sample with this seed, so that runs and restores repeat. */
    static final long KSWIN_SEED = 42;
    public static final long DEFAULT_HORIZON = 2000;
    public static final int DEFAULT_MIN_SAMPLES = 30;

    public DriftSettings {
        detectors = List.copyOf(detectors);
        if (new LinkedHashSet<>(detectors).size() != detectors.size()) {
            throw new ConfigException(DETECTORS, "lists a detector twice: " + detectors);
        }
        for (String d : detectors) {
            if (!KNOWN.contains(d)) {
                throw new ConfigException(DETECTORS, "unknown detector '" + d + "'; known: " + String.join(", ", KNOWN));
            }
        }
        if (!(adwinDelta > 0 && adwinDelta < 1)) {
            throw new ConfigException(ADWIN_DELTA, "must be in (0, 1), got " + adwinDelta);
        }
        if (!(phDelta >= 0 && Double.isFinite(phDelta))) {
            throw new ConfigException(PH_DELTA, "must be >= 0, got " + phDelta);
        }
        if (!(phLambda > 0 && Double.isFinite(phLambda))) {
            throw new ConfigException(PH_LAMBDA, "must be > 0, got " + phLambda);
        }
        if (!(phAlpha > 0 && phAlpha <= 1)) {
            throw new ConfigException(PH_ALPHA, "must be in (0, 1], got " + phAlpha);
        }
        if (!(ddmWarning > 0 && Double.isFinite(ddmWarning))) {
            throw new ConfigException(DDM_WARNING, "must be > 0, got " + ddmWarning);
        }
        if (!(ddmDrift > ddmWarning && Double.isFinite(ddmDrift))) {
            throw new ConfigException(DDM_DRIFT, "must be > " + DDM_WARNING + " (" + ddmWarning + "), got " + ddmDrift);
        }
        if (minSamples < 1) {
            throw new ConfigException(MIN_SAMPLES, "must be >= 1, got " + minSamples);
        }
        if (horizon < 1) {
            throw new ConfigException(HORIZON, "must be >= 1 sample, got " + horizon);
        }
        if (!(kswinAlpha > 0 && kswinAlpha < 1)) {
            throw new ConfigException(KSWIN_ALPHA, "must be in (0, 1), got " + kswinAlpha);
        }
        if (kswinStat < 2) {
            throw new ConfigException(KSWIN_STAT, "must be >= 2, got " + kswinStat);
        }
        if (kswinWindow < 2 * kswinStat) {
            throw new ConfigException(KSWIN_WINDOW, "must be >= 2 x " + KSWIN_STAT + " (" + 2 * kswinStat + "), got "
                    + kswinWindow);
        }
        if (!(hddmDrift > 0 && hddmDrift < 1)) {
            throw new ConfigException(HDDM_DRIFT, "must be in (0, 1), got " + hddmDrift);
        }
        if (!(hddmWarning > hddmDrift && hddmWarning < 1)) {
            throw new ConfigException(HDDM_WARNING, "must be in (" + HDDM_DRIFT + " (" + hddmDrift + "), 1), got "
                    + hddmWarning);
        }
    }

    /** The default detectors with their defaults. */
    public static DriftSettings defaults() {
        return from(RawConfig.empty());
    }

    public static DriftSettings from(RawConfig raw) {
        return new DriftSettings(
                parseDetectors(raw.string(DETECTORS, String.join(",", DEFAULTS))),
                raw.doubleValue(ADWIN_DELTA, Adwin.DEFAULT_DELTA, Double.MIN_NORMAL, 1 - 1e-12),
                raw.doubleValue(PH_DELTA, PageHinkley.DEFAULT_DELTA, 0, 1e12),
                raw.doubleValue(PH_LAMBDA, PageHinkley.DEFAULT_LAMBDA, Double.MIN_NORMAL, 1e12),
                raw.doubleValue(PH_ALPHA, PageHinkley.DEFAULT_ALPHA, Double.MIN_NORMAL, 1),
                raw.doubleValue(DDM_WARNING, Ddm.DEFAULT_WARNING, Double.MIN_NORMAL, 1e6),
                raw.doubleValue(DDM_DRIFT, Ddm.DEFAULT_DRIFT, Double.MIN_NORMAL, 1e6),
                raw.intValue(MIN_SAMPLES, DEFAULT_MIN_SAMPLES, 1, 1 << 30),
                raw.longValue(HORIZON, DEFAULT_HORIZON, 1, 1L << 40),
                raw.doubleValue(KSWIN_ALPHA, Kswin.DEFAULT_ALPHA, Double.MIN_NORMAL, 1 - 1e-12),
                raw.intValue(KSWIN_WINDOW, Kswin.DEFAULT_WINDOW, 4, 1 << 20),
                raw.intValue(KSWIN_STAT, Kswin.DEFAULT_STAT, 2, 1 << 19),
                raw.doubleValue(HDDM_DRIFT, HddmA.DEFAULT_DRIFT_CONFIDENCE, Double.MIN_NORMAL, 1 - 1e-12),
                raw.doubleValue(HDDM_WARNING, HddmA.DEFAULT_WARNING_CONFIDENCE, Double.MIN_NORMAL, 1 - 1e-12),
                raw.booleanValue(HDDM_TWO_SIDED, false));
    }

    /** A comma list of names; blanks around names are ignored, an empty list means none. */
    static List<String> parseDetectors(String list) {
        List<String> names = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Fresh detectors in the configured order. DDM needs 0/1 errors, so it is left out unless
     * {@code binaryErrors} (classification).
     */
    /**
     * The configured detectors for a model's prequential errors. They run on classifiers' 0/1
     * errors only: ADWIN's bound assumes values in [0, 1] and Page-Hinkley's thresholds are in the
     * error's units, so a regressor's unbounded squared error would need a scale first.
     */
    public List<DriftDetector> create(boolean binaryErrors) {
        List<DriftDetector> out = new ArrayList<>(detectors.size());
        if (!binaryErrors) {
            return out;
        }
        for (String d : detectors) {
            if (d.equals(Adwin.NAME)) {
                out.add(new Adwin(adwinDelta, true));
            } else if (d.equals(PageHinkley.NAME)) {
                out.add(new PageHinkley(phDelta, phLambda, phAlpha, minSamples));
            } else if (d.equals(Ddm.NAME)) {
                out.add(new Ddm(ddmWarning, ddmDrift, minSamples));
            } else if (d.equals(HddmA.NAME)) {
                out.add(new HddmA(hddmDrift, hddmWarning, hddmTwoSided));
            } else if (d.equals(Kswin.NAME)) {
                out.add(new Kswin(kswinAlpha, kswinWindow, kswinStat, Kswin.seeded(KSWIN_SEED)));
            }
        }
        return out;
    }

    /** The names of {@link #create}'s detectors, without building them. */
    public List<String> detectorNames(boolean binaryErrors) {
        return binaryErrors ? detectors : List.of();
    }
}

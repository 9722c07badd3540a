package io.sgdscope.trainer.drift;

/** A detector that also raises a warning level before a drift (DDM). */
public interface WarningDetector extends DriftDetector {

    /** True while the last observation was at the warning level but not a drift. */
    boolean inWarning();
}

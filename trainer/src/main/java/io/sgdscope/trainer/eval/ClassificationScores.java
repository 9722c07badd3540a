package io.sgdscope.trainer.eval;

/**
 * Cohen's κ and macro-F1 of the prequential window against the observed and the clean labels,
 * and the window's confusion matrices bounded to {@link #MAX_CLASSES} labels (above that the top
 * classes by count and {@link ConfusionMatrix#OTHER}). κ and F1 are of the full matrices. NaN and
 * {@link ConfusionMatrix#EMPTY} where nothing was counted (a regression, or no clean labels).
 */
public record ClassificationScores(double kappa, double macroF1, ConfusionMatrix observed,
                                   double cleanKappa, double cleanMacroF1, ConfusionMatrix clean) {

    /** Label sets of exported confusion matrices stay within this many classes. */
    public static final int MAX_CLASSES = 16;

    public static final ClassificationScores NONE = new ClassificationScores(Double.NaN, Double.NaN,
            ConfusionMatrix.EMPTY, Double.NaN, Double.NaN, ConfusionMatrix.EMPTY);

    /** The scores of a window's counts, or {@link #NONE} without counts. */
    public static ClassificationScores of(ConfusionWindow.Counts counts) {
        if (counts == null) {
            return NONE;
        }
        ConfusionMatrix o = counts.observedMatrix();
        ConfusionMatrix c = counts.cleanMatrix();
        boolean anyClean = c.total() > 0;
        return new ClassificationScores(o.kappa(), o.macroF1(), o.reduced(MAX_CLASSES),
                c.kappa(), c.macroF1(), anyClean ? c.reduced(MAX_CLASSES) : ConfusionMatrix.EMPTY);
    }
}

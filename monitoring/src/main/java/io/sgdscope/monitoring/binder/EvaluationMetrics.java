package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.TAG_ACTUAL;
import static io.sgdscope.monitoring.MeterNames.TAG_LABELS;
import static io.sgdscope.monitoring.MeterNames.TAG_PREDICTED;
import static io.sgdscope.monitoring.MeterNames.TRAINER_CONFUSION_RATIO;
import static io.sgdscope.monitoring.MeterNames.TRAINER_HOLDOUT_ACCURACY;
import static io.sgdscope.monitoring.MeterNames.TRAINER_HOLDOUT_LOSS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_KAPPA;
import static io.sgdscope.monitoring.MeterNames.TRAINER_MACRO_F1;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.eval.ClassificationScores;
import io.sgdscope.trainer.eval.ConfusionMatrix;
import io.sgdscope.trainer.insight.InsightReport;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Held-out and classification metrics of one model, from its newest metrics report
 * (trainer/METRICS.md): held-out accuracy and loss, κ and macro-F1 of the prequential window, and
 * the window's confusion matrix as one gauge per cell, tagged {@code labels} (observed or clean),
 * {@code actual} and {@code predicted}. Cells exist for classifiers of at most
 * {@link ClassificationScores#MAX_CLASSES} classes, so a model has at most 2·16² of them; a model
 * with more classes exports κ and F1 only (its bounded top-k matrix is in {@code trainer.metrics}).
 * NaN until the first report, and where a value does not apply.
 */
public final class EvaluationMetrics extends ModelMeterBinder {

    public EvaluationMetrics(ModelStats stats) {
        super(stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(TRAINER_HOLDOUT_ACCURACY, "Accuracy on the held-out set at its latest evaluation",
                report(r -> r.holdout().accuracy())).register(registry);
        gauge(TRAINER_HOLDOUT_LOSS, "Mean loss on the held-out set at its latest evaluation",
                report(r -> r.holdout().loss())).register(registry);
        gauge(TRAINER_KAPPA, "Cohen's kappa of the prequential window against the observed labels",
                report(r -> r.classification().kappa())).register(registry);
        gauge(TRAINER_MACRO_F1, "Macro-averaged F1 of the prequential window against the observed labels",
                report(r -> r.classification().macroF1())).register(registry);
        int k = shape().classes();
        if (k < 2 || k > ClassificationScores.MAX_CLASSES) {
            return;
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cell(registry, "observed", ClassificationScores::observed, i, j);
                cell(registry, "clean", ClassificationScores::clean, i, j);
            }
        }
    }

    private void cell(MeterRegistry registry, String labels, Function<ClassificationScores, ConfusionMatrix> matrix,
                      int actual, int predicted) {
        gauge(TRAINER_CONFUSION_RATIO, "Share of the prequential window with this actual and predicted class",
                report(r -> {
                    ConfusionMatrix m = matrix.apply(r.classification());
                    return actual < m.size() && predicted < m.size() ? m.ratio(actual, predicted) : Double.NaN;
                }))
                .tag(TAG_LABELS, labels).tag(TAG_ACTUAL, Integer.toString(actual))
                .tag(TAG_PREDICTED, Integer.toString(predicted)).register(registry);
    }

    /** Reads the newest metrics report; NaN before the first. */
    private static ToDoubleFunction<ModelStats> report(ToDoubleFunction<InsightReport> value) {
        return s -> {
            InsightReport r = s.insight();
            return r == null ? Double.NaN : value.applyAsDouble(r);
        };
    }
}

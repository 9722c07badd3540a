package io.sgdscope.monitoring.binder;

import static io.sgdscope.monitoring.MeterNames.MODEL_ACTIVATION_SPARSITY;
import static io.sgdscope.monitoring.MeterNames.MODEL_DEAD_UNITS_RATIO;
import static io.sgdscope.monitoring.MeterNames.MODEL_EFFECTIVE_RANK;
import static io.sgdscope.monitoring.MeterNames.MODEL_EOS_RATIO;
import static io.sgdscope.monitoring.MeterNames.MODEL_FEATURE_RANK;
import static io.sgdscope.monitoring.MeterNames.MODEL_HOYER_SPARSITY;
import static io.sgdscope.monitoring.MeterNames.MODEL_L1_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_LOGIT_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_MARGIN;
import static io.sgdscope.monitoring.MeterNames.MODEL_MARGIN_NEGATIVE_RATIO;
import static io.sgdscope.monitoring.MeterNames.MODEL_METRICS_STEP;
import static io.sgdscope.monitoring.MeterNames.MODEL_NEAR_ZERO_RATIO;
import static io.sgdscope.monitoring.MeterNames.MODEL_NORMALIZED_MARGIN;
import static io.sgdscope.monitoring.MeterNames.MODEL_NUMERICAL_RANK;
import static io.sgdscope.monitoring.MeterNames.MODEL_PARAM_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_SHARPNESS;
import static io.sgdscope.monitoring.MeterNames.MODEL_SPECTRAL_ALPHA;
import static io.sgdscope.monitoring.MeterNames.MODEL_SPECTRAL_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_STABLE_RANK;
import static io.sgdscope.monitoring.MeterNames.MODEL_SUPPORT_PRECISION;
import static io.sgdscope.monitoring.MeterNames.MODEL_SUPPORT_RECALL;
import static io.sgdscope.monitoring.MeterNames.MODEL_SUPPORT_SIZE;
import static io.sgdscope.monitoring.MeterNames.MODEL_UPDATE_RATIO;
import static io.sgdscope.monitoring.MeterNames.MODEL_WINDOW_GRAD_NORM;
import static io.sgdscope.monitoring.MeterNames.MODEL_WINDOW_LOSS;
import static io.sgdscope.monitoring.MeterNames.TAG_LAYER;
import static io.sgdscope.monitoring.MeterNames.TAG_QUANTILE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_DISTANCE_FROM_INIT;
import static io.sgdscope.monitoring.MeterNames.TRAINER_GRADIENT_NOISE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_GRADIENT_SNR;
import static io.sgdscope.monitoring.MeterNames.TRAINER_HESSIAN_TRACE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_HESSIAN_TRACE_STD_ERROR;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LAYER_ALPHA_WEIGHTED;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LAYER_GRADIENT_NOISE;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LAYER_GRADIENT_SNR;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LAYER_SPECTRAL_OUTLIERS;
import static io.sgdscope.monitoring.MeterNames.TRAINER_LAYER_UPDATE_RATIO;
import static io.sgdscope.monitoring.MeterNames.TRAINER_MEMORIZATION_RATIO;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgdscope.trainer.ModelStats;
import io.sgdscope.trainer.insight.InsightReport;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The model metrics computed from parameter snapshots (trainer/METRICS.md): rank, sparsity and
 * margin, sharpness against 2/η, norms, memorisation. Tagged {@code model} and {@code stream};
 * per-layer values add {@code layer} (bounded by the model's depth), margins add
 * {@code quantile}. NaN until the first snapshot, and where a value does not apply.
 */
public final class ModelInsightMetrics extends ModelMeterBinder {

    public ModelInsightMetrics(ModelStats stats) {
        super(stats);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (int layer = 0; layer < shape().layers(); layer++) {
            layerGauge(registry, MODEL_STABLE_RANK, layer, "Stable rank ‖W‖_F²/‖W‖₂² of the layer's weights",
                    InsightReport.LayerInsight::stableRank);
            layerGauge(registry, MODEL_EFFECTIVE_RANK, layer, "Effective rank exp(H(σ/Σσ)) of the layer's weights",
                    InsightReport.LayerInsight::effectiveRank);
            layerGauge(registry, MODEL_NUMERICAL_RANK, layer, "Singular values above tol·σmax",
                    InsightReport.LayerInsight::numericalRank);
            layerGauge(registry, MODEL_SPECTRAL_NORM, layer, "Largest singular value of the layer's weights",
                    InsightReport.LayerInsight::spectralNorm);
            layerGauge(registry, MODEL_SPECTRAL_ALPHA, layer, "Power-law exponent of the weights' eigenvalues σ²",
                    InsightReport.LayerInsight::alpha);
            layerGauge(registry, MODEL_HOYER_SPARSITY, layer, "Hoyer sparsity of the layer's weights (0 dense, 1 one-hot)",
                    InsightReport.LayerInsight::hoyer);
            layerGauge(registry, MODEL_NEAR_ZERO_RATIO, layer, "Fraction of weights below eps·max|w|",
                    InsightReport.LayerInsight::nearZero);
            layerGauge(registry, MODEL_FEATURE_RANK, layer,
                    "Principal components of the layer's activations explaining 99% of their variance",
                    InsightReport.LayerInsight::featureRank);
            layerGauge(registry, MODEL_DEAD_UNITS_RATIO, layer, "Fraction of ReLU units inactive on the whole window",
                    InsightReport.LayerInsight::deadUnits);
            layerGauge(registry, MODEL_ACTIVATION_SPARSITY, layer, "Fraction of zero activations over the window",
                    InsightReport.LayerInsight::activationSparsity);
            layerGauge(registry, TRAINER_DISTANCE_FROM_INIT, layer, "‖θ − θ₀‖ over the layer's parameters",
                    InsightReport.LayerInsight::distanceFromInit);
            layerGauge(registry, TRAINER_LAYER_GRADIENT_NOISE, layer,
                    "Per-sample gradient variance (1/n)Σ‖g_i − ḡ‖² over the layer's parameters",
                    InsightReport.LayerInsight::gradientNoise);
            layerGauge(registry, TRAINER_LAYER_GRADIENT_SNR, layer, "‖ḡ‖² over the per-sample gradient variance, per layer",
                    InsightReport.LayerInsight::gradientSnr);
            layerGauge(registry, TRAINER_LAYER_UPDATE_RATIO, layer,
                    "‖Δθ‖/(steps·‖θ‖) of the layer between consecutive snapshots",
                    InsightReport.LayerInsight::updateRatio);
            layerGauge(registry, TRAINER_LAYER_ALPHA_WEIGHTED, layer, "WeightWatcher's α·log10(λmax) of the layer's weights",
                    InsightReport.LayerInsight::alphaWeighted);
            layerGauge(registry, TRAINER_LAYER_SPECTRAL_OUTLIERS, layer,
                    "Eigenvalues of WᵀW beyond the Marchenko–Pastur bulk edge",
                    InsightReport.LayerInsight::spectralOutliers);
        }
        margins(registry, MODEL_MARGIN, "Per-sample margin over the window (y·f, or f_y − max f_j)",
                InsightReport::margin);
        margins(registry, MODEL_NORMALIZED_MARGIN, "Margin divided by ‖θ‖₂^L (homogeneous nets only)",
                InsightReport::normalizedMargin);
        reportGauge(registry, MODEL_MARGIN_NEGATIVE_RATIO, "Fraction of window samples with a negative margin",
                r -> r.margin().negativeFraction());
        reportGauge(registry, MODEL_LOGIT_NORM, "Mean L2 norm of the logits over the window", InsightReport::logitNorm);
        reportGauge(registry, MODEL_SHARPNESS, "Top Hessian eigenvalue of the window loss (power iteration)",
                InsightReport::sharpness);
        reportGauge(registry, MODEL_EOS_RATIO, "η·λmax/2: 1 is the edge of stability", InsightReport::eosRatio);
        reportGauge(registry, MODEL_PARAM_NORM, "L2 norm of all parameters", InsightReport::paramNorm);
        reportGauge(registry, MODEL_UPDATE_RATIO, "Norm of the last update over the parameter norm", InsightReport::updateRatio);
        reportGauge(registry, MODEL_WINDOW_LOSS, "Mean loss over the window at the snapshot", InsightReport::windowLoss);
        reportGauge(registry, MODEL_WINDOW_GRAD_NORM, "Norm of the window's mean gradient at the snapshot",
                InsightReport::windowGradNorm);
        reportGauge(registry, MODEL_L1_NORM, "‖β‖₁ of a dln or linear regression, else ‖θ‖₁", InsightReport::l1Norm);
        reportGauge(registry, MODEL_SUPPORT_SIZE, "Entries of β above threshold·max|β|", InsightReport::supportSize);
        reportGauge(registry, MODEL_SUPPORT_PRECISION, "Share of β's support in β*'s (when the source publishes β*)",
                InsightReport::supportPrecision);
        reportGauge(registry, MODEL_SUPPORT_RECALL, "Share of β*'s support found in β's", InsightReport::supportRecall);
        reportGauge(registry, TRAINER_MEMORIZATION_RATIO,
                "Fraction of noisy-label window samples whose noisy label the model now predicts",
                InsightReport::memorization);
        reportGauge(registry, TRAINER_HESSIAN_TRACE, "Hutchinson estimate of the window loss's Hessian trace",
                InsightReport::hessianTrace);
        reportGauge(registry, TRAINER_HESSIAN_TRACE_STD_ERROR, "Standard error of the Hessian trace estimate",
                InsightReport::hessianTraceStdError);
        reportGauge(registry, TRAINER_GRADIENT_NOISE, "Per-sample gradient variance (1/n)Σ‖g_i − ḡ‖² over the window",
                InsightReport::gradientNoise);
        reportGauge(registry, TRAINER_GRADIENT_SNR, "Gradient signal-to-noise ratio ‖ḡ‖² / variance over the window",
                InsightReport::gradientSnr);
        reportGauge(registry, MODEL_METRICS_STEP, "Optimizer step of the newest metrics snapshot", r -> r.step());
    }

    private void reportGauge(MeterRegistry registry, String name, String description, ToDoubleFunction<InsightReport> f) {
        gauge(name, description, report(f)).register(registry);
    }

    /** The minimum, 5th percentile and median of a margin over the window, as {@code quantile} 0, 0.05 and 0.5. */
    private void margins(MeterRegistry registry, String name, String description,
                         Function<InsightReport, InsightReport.MarginStats> f) {
        gauge(name, description, report(r -> f.apply(r).min())).tag(TAG_QUANTILE, "0").register(registry);
        gauge(name, description, report(r -> f.apply(r).p05())).tag(TAG_QUANTILE, "0.05").register(registry);
        gauge(name, description, report(r -> f.apply(r).p50())).tag(TAG_QUANTILE, "0.5").register(registry);
    }

    private void layerGauge(MeterRegistry registry, String name, int layer, String description,
                            ToDoubleFunction<InsightReport.LayerInsight> f) {
        gauge(name, description, report(r -> layer < r.layers().size() ? f.applyAsDouble(r.layers().get(layer)) : Double.NaN))
                .tag(TAG_LAYER, Integer.toString(layer)).register(registry);
    }

    /** Reads the newest metrics report; NaN before the first. */
    private static ToDoubleFunction<ModelStats> report(ToDoubleFunction<InsightReport> value) {
        return s -> {
            InsightReport r = s.insight();
            return r == null ? Double.NaN : value.applyAsDouble(r);
        };
    }
}

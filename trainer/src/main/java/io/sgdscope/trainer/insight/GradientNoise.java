package io.sgdscope.trainer.insight;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ParamLayout;
import java.util.List;

/**
 * The gradient noise over a window: with g_i the gradient of sample i's loss and ḡ their mean
 * (the window's mean gradient), the per-sample variance V = (1/n) Σ ‖g_i − ḡ‖² (the trace of
 * the gradients' covariance, population form) and the signal-to-noise ratio ‖ḡ‖² / V; the same
 * per layer, over the layer's parameters (weights and bias). One gradient evaluation per sample,
 * on one-row batches. Not thread-safe: run it on the metrics thread with its own executor.
 */
public final class GradientNoise {

    /**
     * @param variance    V over all parameters; NaN with fewer than 2 samples or a non-finite gradient
     * @param snr         ‖ḡ‖²/V; +∞ when every sample has the same gradient, NaN when ḡ = 0 too
     * @param layerVariance V over each layer's parameters (empty without a layout)
     * @param layerSnr    ‖ḡ_l‖²/V_l per layer
     */
    public record Result(double variance, double snr, double[] layerVariance, double[] layerSnr) {

        static Result none(int layers) {
            double[] nan = new double[layers];
            java.util.Arrays.fill(nan, Double.NaN);
            return new Result(Double.NaN, Double.NaN, nan, nan.clone());
        }
    }

    private final ModelExecutor executor;
    private final int numParams;
    private final List<ParamLayout.Layer> layers;
    private final float[] gradient;
    private final double[] sum;
    private final Batch one = new Batch(1);

    /** @param layers the model's layers, empty if it has no layout sgdscope knows */
    public GradientNoise(ModelExecutor executor, int numParams, List<ParamLayout.Layer> layers) {
        if (numParams < 1) {
            throw new IllegalArgumentException("numParams must be >= 1, got " + numParams);
        }
        this.executor = executor;
        this.numParams = numParams;
        this.layers = List.copyOf(layers);
        this.gradient = new float[numParams];
        this.sum = new double[numParams];
    }

    /** The noise of the per-sample gradients of {@code window}'s rows at {@code params} (not modified). */
    public Result of(float[] params, Batch window) {
        int n = window.size();
        int k = layers.size();
        if (n < 2) {
            return Result.none(k);
        }
        java.util.Arrays.fill(sum, 0);
        // Σ_i ‖g_i‖² over all parameters, and over each layer's
        double squares = 0;
        double[] layerSquares = new double[k];
        for (int r = 0; r < n; r++) {
            one.clear();
            one.add(window.features(r), window.target(r));
            double loss = executor.lossAndGradient(params, one, gradient);
            if (!Double.isFinite(loss)) {
                return Result.none(k);
            }
            for (int i = 0; i < numParams; i++) {
                double g = gradient[i];
                sum[i] += g;
                squares += g * g;
            }
            for (int l = 0; l < k; l++) {
                layerSquares[l] += sumOfSquares(gradient, layers.get(l));
            }
        }
        if (!Double.isFinite(squares)) {
            return Result.none(k);
        }
        // (1/n) Σ ‖g_i − ḡ‖² = (1/n) Σ ‖g_i‖² − ‖ḡ‖²
        double meanSquared = meanSquaredNorm(0, numParams, n);
        double variance = Math.max(0, squares / n - meanSquared);
        double[] layerVariance = new double[k];
        double[] layerSnr = new double[k];
        for (int l = 0; l < k; l++) {
            ParamLayout.Layer layer = layers.get(l);
            double m = meanSquaredNorm(layer.offset(), layer.offset() + layer.paramCount(), n);
            layerVariance[l] = Math.max(0, layerSquares[l] / n - m);
            layerSnr[l] = snr(m, layerVariance[l]);
        }
        return new Result(variance, snr(meanSquared, variance), layerVariance, layerSnr);
    }

    /** ‖ḡ‖² over [from, to), from the running sums. */
    private double meanSquaredNorm(int from, int to, int n) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double m = sum[i] / n;
            s += m * m;
        }
        return s;
    }

    private static double sumOfSquares(float[] g, ParamLayout.Layer layer) {
        double s = 0;
        for (int i = layer.offset(), end = layer.offset() + layer.paramCount(); i < end; i++) {
            s += (double) g[i] * g[i];
        }
        return s;
    }

    private static double snr(double signal, double variance) {
        if (variance > 0) {
            return signal / variance;
        }
        return signal > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
}

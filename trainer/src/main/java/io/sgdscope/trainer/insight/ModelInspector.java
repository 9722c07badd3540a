package io.sgdscope.trainer.insight;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.ClassificationScores;
import io.sgdscope.trainer.holdout.HoldoutEvaluator;
import io.sgdscope.trainer.holdout.HoldoutScore;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ParamLayout;
import io.sgdscope.trainer.model.Prediction;
import io.sgdscope.trainer.model.Task;
import io.sgdscope.trainer.optim.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes an {@link InsightReport} from a {@link ModelSnapshot}. Owns its executor and buffers,
 * so it runs on the metrics thread while training goes on; one inspector per model, never shared
 * between threads. A user's {@code dl4j:} network has no layout sgdscope knows: it gets margins
 * (from its probabilities), sharpness and norms, but no per-layer values. Keeps the previous
 * snapshot's parameters for the per-layer update ratio; the Hessian trace and the sharpness share
 * one set of Hessian-vector-product buffers.
 */
public final class ModelInspector implements AutoCloseable {

    private final ModelSpec spec;
    private final Task task;
    private final InsightConfig config;
    private final ModelExecutor executor;
    /** Present for sgdscope's own architectures: exact logits and hidden activations. */
    private final FastExecutor fast;
    private final List<ParamLayout.Layer> layers;
    private final HessianPowerIteration hessian;
    private final HutchinsonTrace trace;
    private final GradientNoise noise;
    private final float[] logits;
    private final float[] probabilities;
    private final HoldoutEvaluator holdout;
    private HoldoutScore lastHoldout = HoldoutScore.NONE;
    /** The parameters and step of the previous snapshot this inspector saw, for the per-layer update ratio. */
    private float[] previousParams;
    private long previousStep;

    public ModelInspector(ModelSpec spec, ModelExecutor executor, InsightConfig config, long seed) {
        this(spec, executor, config, seed, HoldoutSet.NONE);
    }

    /** An inspector that also scores the model on {@code holdout} every {@code holdout.everySteps()} steps. */
    public ModelInspector(ModelSpec spec, ModelExecutor executor, InsightConfig config, long seed, HoldoutSet holdout) {
        this.spec = spec;
        this.task = spec.task();
        this.config = config;
        this.executor = executor;
        this.fast = executor instanceof FastExecutor f ? f : null;
        this.layers = spec.kind() == ModelSpec.Kind.DL4J ? List.of() : spec.layout().layers();
        int numParams = spec.kind() == ModelSpec.Kind.DL4J ? -1 : spec.layout().numParams();
        HessianVectorProduct hvp = numParams > 0 ? new HessianVectorProduct(executor, numParams) : null;
        this.hessian = hvp == null ? null : new HessianPowerIteration(hvp, seed);
        // its own stream of probes, independent of the power iteration's start vector
        this.trace = hvp == null || config.hessianProbes() == 0 ? null : new HutchinsonTrace(hvp, seed ^ 0x5DEECE66DL);
        this.noise = numParams > 0 ? new GradientNoise(executor, numParams, layers) : null;
        this.logits = new float[task.outputs()];
        this.probabilities = new float[task.outputs()];
        this.holdout = holdout.isEmpty() ? null : new HoldoutEvaluator(holdout, executor, task);
    }

    public InsightReport inspect(ModelSnapshot s) {
        long start = System.nanoTime();
        float[] p = s.params();
        Sample[] window = s.window();
        ClassificationScores classification = ClassificationScores.of(s.confusion());
        int n = window.length;
        double paramNorm = Vectors.norm(p);
        if (!Double.isFinite(paramNorm)) {
            // the divergence guard restores finite parameters; until then there is nothing to measure
            return notMeasurable(s, paramNorm, (System.nanoTime() - start) / 1e9, lastHoldout, classification);
        }

        // one forward pass per window row: margins, logit norms, memorisation, hidden activations
        int hidden = fast == null ? 0 : fast.hiddenLayers();
        float[][] activations = new float[hidden][];
        for (int l = 0; l < hidden; l++) {
            activations[l] = new float[n * fast.hiddenWidth(l)];
        }
        double[] margins = new double[n];
        int labelled = 0;
        double logitNormSum = 0;
        int noisy = 0;
        int memorised = 0;
        float[][] rows = new float[hidden][];
        for (int l = 0; l < hidden; l++) {
            rows[l] = new float[fast.hiddenWidth(l)];
        }
        for (int r = 0; r < n; r++) {
            Sample sample = window[r];
            if (fast != null) {
                fast.forwardRow(p, sample.features(), logits, rows);
                for (int l = 0; l < hidden; l++) {
                    System.arraycopy(rows[l], 0, activations[l], r * rows[l].length, rows[l].length);
                }
            } else if (task.isClassification()) {
                logitsFromProbabilities(p, sample.features());
            }
            if (!task.isClassification()) {
                continue;
            }
            int y = ((Label.ClassIndex) sample.label()).index();
            logitNormSum += Margins.logitNorm(logits, logits.length);
            margins[labelled++] = Margins.of(logits, y, task.kind() == Task.Kind.BINARY);
            if (sample.truth() != null && sample.truth().noisy()) {
                noisy++;
                if (predictedClass() == y) {
                    memorised++;
                }
            }
        }
        InsightReport.MarginStats margin = InsightReport.MarginStats.NONE;
        InsightReport.MarginStats normalized = InsightReport.MarginStats.NONE;
        if (labelled > 0) {
            Quantiles q = Quantiles.of(margins, labelled);
            margin = marginStats(q, 1);
            if (spec.isHomogeneous() && paramNorm > 0) {
                normalized = marginStats(q, Margins.normalized(1, paramNorm, spec.homogeneityDegree()));
            }
        }

        Batch batch = n == 0 ? null : batchOf(window);
        GradientNoise.Result gradients = noise == null || n == 0 ? GradientNoise.Result.none(layers.size())
                : noise.of(p, batch);
        float[] initial = s.initialParams() != null && s.initialParams().length == p.length ? s.initialParams() : null;
        // the previous snapshot is comparable if it came from an earlier step of the same run
        float[] before = previousParams != null && previousParams.length == p.length && previousStep < s.step()
                ? previousParams : null;
        List<InsightReport.LayerInsight> layerInsights = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            ParamLayout.Layer layer = layers.get(l);
            int from = layer.offset();
            int to = from + layer.paramCount();
            Motion motion = new Motion(
                    initial == null ? Double.NaN : ParameterMotion.distance(p, initial, from, to),
                    gradients.layerVariance()[l], gradients.layerSnr()[l],
                    before == null ? Double.NaN : ParameterMotion.updateRatio(before, p, s.step() - previousStep, from, to));
            layerInsights.add(layer(l, p, l < hidden ? activations[l] : null, n, motion));
        }
        previousParams = p.clone();
        previousStep = s.step();

        HessianPowerIteration.Estimate curvature = hessian == null || n == 0 ? null
                : hessian.estimate(p, batch, config.powerIterations(), config.powerTolerance());
        double sharpness = curvature == null ? Double.NaN : curvature.sharpness();
        HutchinsonTrace.Estimate hessianTrace = trace == null || n == 0 ? HutchinsonTrace.Estimate.NONE
                : trace.estimate(p, batch, config.hessianProbes());

        float[] beta = linearPredictor(p);
        SupportRecovery support = beta == null ? null
                : SupportRecovery.of(beta, s.teacher() != null && s.teacher().length == beta.length ? s.teacher() : null,
                        config.supportThreshold());
        lastHoldout = holdout == null ? HoldoutScore.NONE : holdout.scoreAt(s.step(), p);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new InsightReport(s.model(), s.stream(), s.step(), s.samples(), s.timeMs(), seconds, n,
                s.learningRate(), layerInsights, margin, normalized, labelled == 0 ? Double.NaN : logitNormSum / labelled,
                sharpness, s.learningRate() * sharpness / 2, curvature == null ? 0 : curvature.iterations(),
                curvature == null ? Double.NaN : curvature.loss(), curvature == null ? Double.NaN : curvature.gradientNorm(),
                paramNorm, paramNorm > 0 ? s.updateNorm() / paramNorm : Double.NaN,
                support == null ? l1(p) : support.l1Norm(),
                support == null ? Double.NaN : support.supportSize(),
                support == null ? Double.NaN : support.precision(),
                support == null ? Double.NaN : support.recall(),
                noisy == 0 ? Double.NaN : (double) memorised / noisy, noisy, lastHoldout, classification,
                hessianTrace.trace(), hessianTrace.standardError(), hessianTrace.probes(),
                initial == null ? Double.NaN : ParameterMotion.distance(p, initial, 0, p.length),
                gradients.variance(), gradients.snr());
    }

    /** A layer's movement and gradient noise, computed over all layers before the per-layer metrics. */
    private record Motion(double distanceFromInit, double gradientNoise, double gradientSnr, double updateRatio) {
    }

    /** Non-finite parameters are not evaluated: the last held-out score stands. */
    private static InsightReport notMeasurable(ModelSnapshot s, double paramNorm, double seconds, HoldoutScore holdout,
                                               ClassificationScores classification) {
        double nan = Double.NaN;
        return new InsightReport(s.model(), s.stream(), s.step(), s.samples(), s.timeMs(), seconds, s.window().length,
                s.learningRate(), java.util.List.of(), InsightReport.MarginStats.NONE, InsightReport.MarginStats.NONE,
                nan, nan, nan, 0, nan, nan, paramNorm, nan, nan, nan, nan, nan, nan, 0, holdout, classification,
                nan, nan, 0, nan, nan, nan);
    }

    private InsightReport.LayerInsight layer(int index, float[] p, float[] activations, int rows, Motion motion) {
        ParamLayout.Layer layer = layers.get(index);
        double stable = Double.NaN;
        double effective = Double.NaN;
        double numerical = Double.NaN;
        double spectral = Double.NaN;
        double alpha = Double.NaN;
        SpectralDensity density = null;
        double hoyer;
        double nearZero;
        if (layer.kind() == ParamLayout.LayerKind.DENSE) {
            Spectrum sp = Spectrum.ofDenseLayer(p, layer);
            stable = sp.stableRank();
            effective = sp.effectiveRank();
            numerical = sp.numericalRank(config.rankTolerance());
            spectral = sp.spectralNorm();
            density = SpectralDensity.of(sp.eigenvalues(), layer.nIn(), layer.nOut());
            alpha = density.alpha();
            hoyer = Sparsity.hoyer(p, layer.offset(), layer.offset() + layer.weightCount());
            nearZero = Sparsity.nearZeroFraction(p, layer.offset(), layer.offset() + layer.weightCount(),
                    config.nearZeroEps());
        } else {
            float[] beta = diagonalBeta(p, layer);
            hoyer = Sparsity.hoyer(beta, 0, beta.length);
            nearZero = Sparsity.nearZeroFraction(beta, 0, beta.length, config.nearZeroEps());
        }
        double featureRank = Double.NaN;
        double dead = Double.NaN;
        double sparsity = Double.NaN;
        if (activations != null && rows > 0) {
            featureRank = FeatureRank.components(activations, rows, layer.nOut(), config.featureVariance());
            ActivationStats a = ActivationStats.of(activations, rows, layer.nOut());
            sparsity = a.activationSparsity();
            if (layer.activation() == io.sgdscope.trainer.model.Activation.RELU) {
                dead = a.deadUnitsRatio();
            }
        }
        return new InsightReport.LayerInsight(index, layer.kind() == ParamLayout.LayerKind.DENSE ? "dense" : "diagonal",
                layer.nIn(), layer.nOut(), stable, effective, numerical, spectral, alpha, hoyer, nearZero,
                featureRank, dead, sparsity, motion.distanceFromInit(), motion.gradientNoise(), motion.gradientSnr(),
                motion.updateRatio(), density);
    }

    /**
     * Logits of a net only DL4J can run, into {@link #logits}: log-odds for a sigmoid, log
     * probabilities for a softmax (equal to its logits up to a shift, which margins ignore).
     */
    private void logitsFromProbabilities(float[] p, float[] x) {
        executor.output(p, x, probabilities);
        double floor = Prediction.MIN_PROBABILITY;
        if (task.kind() == Task.Kind.BINARY) {
            double q = Math.min(Math.max(probabilities[0], floor), 1 - floor);
            logits[0] = (float) Math.log(q / (1 - q));
        } else {
            for (int k = 0; k < logits.length; k++) {
                logits[k] = (float) Math.log(Math.max(probabilities[k], floor));
            }
        }
    }

    private int predictedClass() {
        if (task.kind() == Task.Kind.BINARY) {
            return logits[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < logits.length; k++) {
            if (logits[k] > logits[best]) {
                best = k;
            }
        }
        return best;
    }

    /** @param scale 1, or 1/‖θ‖^L for the normalised margin */
    private static InsightReport.MarginStats marginStats(Quantiles q, double scale) {
        return new InsightReport.MarginStats(q.min() * scale, q.at(0.05) * scale, q.at(0.5) * scale,
                q.fractionBelow(0));
    }

    /** beta of a dln, or the weights of a one-layer regression: the predictors whose support matters. */
    private float[] linearPredictor(float[] p) {
        if (layers.size() != 1) {
            return null;
        }
        ParamLayout.Layer only = layers.get(0);
        if (only.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
            return diagonalBeta(p, only);
        }
        if (task.kind() == Task.Kind.REGRESSION) {
            float[] w = new float[only.nIn()];
            System.arraycopy(p, only.offset(), w, 0, w.length);
            return w;
        }
        return null;
    }

    private static float[] diagonalBeta(float[] p, ParamLayout.Layer layer) {
        int n = layer.nIn();
        float[] beta = new float[n];
        for (int i = 0; i < n; i++) {
            float u = p[layer.offset() + i];
            float v = p[layer.offset() + n + i];
            beta[i] = u * u - v * v;
        }
        return beta;
    }

    private Batch batchOf(Sample[] window) {
        Batch b = new Batch(window.length);
        for (Sample sample : window) {
            b.add(sample.features(), task.isClassification()
                    ? ((Label.ClassIndex) sample.label()).index() : sample.label().asDouble());
        }
        return b;
    }

    private static double l1(float[] a) {
        double s = 0;
        for (float v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    @Override
    public void close() {
        executor.close();
    }
}

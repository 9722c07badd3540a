package io.sgdscope.trainer.bench;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.ClassificationScores;
import io.sgdscope.trainer.eval.ConfusionWindow;
import io.sgdscope.trainer.holdout.HoldoutEvaluator;
import io.sgdscope.trainer.holdout.HoldoutScore;
import io.sgdscope.trainer.holdout.HoldoutSet;
import io.sgdscope.trainer.insight.ActivationStats;
import io.sgdscope.trainer.insight.FeatureRank;
import io.sgdscope.trainer.insight.GradientNoise;
import io.sgdscope.trainer.insight.HutchinsonTrace;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.insight.Margins;
import io.sgdscope.trainer.insight.ParameterMotion;
import io.sgdscope.trainer.insight.PowerLawFit;
import io.sgdscope.trainer.insight.Quantiles;
import io.sgdscope.trainer.insight.SpectralDensity;
import io.sgdscope.trainer.insight.Sparsity;
import io.sgdscope.trainer.insight.Spectrum;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ParamLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of each insight metric at the sizes of an MLP 64-128-2 (ReLU, binary) with a window of
 * 512 rows, next to the baseline of the same run: one batch-1 training step of the fast executor
 * (loss and gradient, then a bare p -= lr g). Average time per call, so a metric's cost in
 * training steps is its score over {@link #baselineTrainStep}'s. Not run by {@code mvn verify};
 * see trainer/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class InsightBenchmark {

    static final String SPEC = "mlp:64-128-2,act=relu";
    static final int WINDOW = 512;
    static final int POOL = 4096;
    static final double LR = 0.01;
    static final double RANK_TOL = 1e-3;
    static final double NEAR_ZERO_EPS = 0.01;

    private FastExecutor exec;
    private ParamLayout.Layer hidden;
    private float[] params;
    private float[] grad;
    private float[][] xs;
    private double[] ys;
    private Batch batch;
    private int next;

    private Spectrum.Svd svd;
    private double[] eigenvalues;
    /** The window's hidden activations, WINDOW x 128 row-major. */
    private float[] activations;
    /** The window's logits, one per row (binary). */
    private float[][] logits;
    private int[] labels;
    private double[] margins;
    private float[] rowActivations;
    /** The window as one batch, for the curvature and gradient-noise instruments (issue 17). */
    private Batch window;
    private HutchinsonTrace trace;
    private GradientNoise noise;
    private float[] initialParams;
    private float[] previousParams;
    private java.util.List<ParamLayout.Layer> layers;

    /** Classes of the confusion benchmarks: Fashion-MNIST's 10, and the exported bound, 16. */
    static final int CLASSES = 10;
    static final int HOLDOUT = 1000;
    private ConfusionWindow confusion;
    private ConfusionWindow.Counts counts;
    private int[] confusionLabels;
    private HoldoutEvaluator holdout;

    @Setup(Level.Trial)
    public void setUp() {
        ModelSpec spec = ModelSpec.parse(SPEC);
        exec = new FastExecutor(spec);
        hidden = spec.layout().layers().get(0);
        params = spec.initialParams(1);
        grad = new float[params.length];
        SplittableRandom rng = new SplittableRandom(2);
        xs = new float[POOL][64];
        ys = new double[POOL];
        for (int r = 0; r < POOL; r++) {
            double s = 0;
            for (int i = 0; i < 64; i++) {
                xs[r][i] = (float) rng.nextGaussian();
                s += (i % 2 == 0 ? 1 : -1) * xs[r][i];
            }
            ys[r] = s > 0 ? 1 : 0;
        }
        batch = new Batch(1);
        // train a little so the parameters are not just their initialisation
        for (int i = 0; i < 2 * POOL; i++) {
            baselineTrainStep();
        }
        initialParams = spec.initialParams(1);
        layers = spec.layout().layers();
        previousParams = params.clone();
        for (int i = 0; i < 64; i++) {
            baselineTrainStep();
        }
        window = new Batch(WINDOW);
        for (int r = 0; r < WINDOW; r++) {
            window.add(xs[r], ys[r]);
        }
        trace = new HutchinsonTrace(new FastExecutor(spec), params.length, 3);
        noise = new GradientNoise(new FastExecutor(spec), params.length, spec.layout().layers());
        svd = new Spectrum.Svd(hidden.nOut(), hidden.nIn());
        eigenvalues = Spectrum.ofDenseLayer(params, hidden).eigenvalues();
        int width = hidden.nOut();
        activations = new float[WINDOW * width];
        rowActivations = new float[width];
        logits = new float[WINDOW][1];
        labels = new int[WINDOW];
        margins = new double[WINDOW];
        for (int r = 0; r < WINDOW; r++) {
            exec.hiddenActivations(params, xs[r], 0, rowActivations);
            System.arraycopy(rowActivations, 0, activations, r * width, width);
            exec.logits(params, xs[r], logits[r]);
            labels[r] = (int) ys[r];
        }
        confusion = new ConfusionWindow(CLASSES, 1000);
        confusionLabels = new int[POOL];
        for (int r = 0; r < POOL; r++) {
            confusionLabels[r] = rng.nextInt(CLASSES);
        }
        for (int r = 0; r < 1000; r++) {
            confusionWindowUpdate();
        }
        counts = confusion.counts();
        java.util.List<Sample> held = new java.util.ArrayList<>();
        for (int r = 0; r < HOLDOUT; r++) {
            held.add(new Sample("h" + r, "b", 0, xs[r], Label.ofClass((int) ys[r]), null));
        }
        holdout = new HoldoutEvaluator(new HoldoutSet(held, 1, "bench"), new FastExecutor(spec), spec.task());
    }

    /** On the training thread, per classified sample: one update of a 10-class, 1000-sample confusion window. */
    @Benchmark
    public int confusionWindowUpdate() {
        int a = confusionLabels[next];
        int p = confusionLabels[(next + 7) & (POOL - 1)];
        next = (next + 1) & (POOL - 1);
        confusion.update(a, (a + 1) % CLASSES, p);
        return a;
    }

    /** On the training thread, per snapshot: the copy of the window's 2 x 10 x 10 counts. */
    @Benchmark
    public ConfusionWindow.Counts confusionCountsCopy() {
        return confusion.counts();
    }

    /** On the metrics thread, per snapshot: κ, macro-F1 and the bounded matrices of both labellings. */
    @Benchmark
    public ClassificationScores classificationScores() {
        return ClassificationScores.of(counts);
    }

    /** On the metrics thread, per held-out evaluation: 1,000 held-out rows, one forward pass each. */
    @Benchmark
    public HoldoutScore holdoutEvaluation() {
        return holdout.evaluate(1, params);
    }

    /** The baseline: one batch-1 step of the fast executor, gradient then a bare SGD update. */
    @Benchmark
    public double baselineTrainStep() {
        batch.clear();
        batch.add(xs[next], ys[next]);
        next = (next + 1) & (POOL - 1);
        double loss = exec.lossAndGradient(params, batch, grad);
        float lr = (float) LR;
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grad[i];
        }
        return loss;
    }

    /** SVD of the 64 x 128 hidden layer (a new decomposer per call) and every rank measure. */
    @Benchmark
    public void spectrumAndRanks(Blackhole bh) {
        ranks(Spectrum.ofDenseLayer(params, hidden), bh);
    }

    /** The same through a reused {@link Spectrum.Svd}. */
    @Benchmark
    public void spectrumAndRanksReusedSvd(Blackhole bh) {
        ranks(svd.ofDenseLayer(params, hidden), bh);
    }

    private static void ranks(Spectrum s, Blackhole bh) {
        bh.consume(s.spectralNorm());
        bh.consume(s.stableRank());
        bh.consume(s.effectiveRank());
        bh.consume(s.numericalRank(RANK_TOL));
    }

    /** WeightWatcher's alpha of the hidden layer's 64 eigenvalues. */
    @Benchmark
    public PowerLawFit.Fit powerLawFit() {
        return PowerLawFit.fit(eigenvalues);
    }

    /** PCA of the window's 512 x 128 hidden activations (covariance and symmetric eigen-decomposition). */
    @Benchmark
    public int featureRank() {
        return FeatureRank.components(activations, WINDOW, hidden.nOut(), FeatureRank.DEFAULT_VARIANCE_FRACTION);
    }

    /** Hoyer sparsity over all 8,577 parameters. */
    @Benchmark
    public double hoyer() {
        return Sparsity.hoyer(params, 0, params.length);
    }

    /** Near-zero fraction over all parameters. */
    @Benchmark
    public double nearZeroFraction() {
        return Sparsity.nearZeroFraction(params, 0, params.length, NEAR_ZERO_EPS);
    }

    /** Dead units and activation sparsity of the window's 512 x 128 hidden activations. */
    @Benchmark
    public ActivationStats activationStats() {
        return ActivationStats.of(activations, WINDOW, hidden.nOut());
    }

    /** 512 margins from the window's logits, then their quantiles: min, p05, p50, fraction below 0. */
    @Benchmark
    public void marginsAndQuantiles(Blackhole bh) {
        for (int r = 0; r < WINDOW; r++) {
            margins[r] = Margins.of(logits[r], labels[r], true);
        }
        Quantiles q = Quantiles.of(margins, WINDOW);
        bh.consume(q.min());
        bh.consume(q.at(0.05));
        bh.consume(q.at(0.5));
        bh.consume(q.fractionBelow(0));
    }

    /** One Hutchinson probe of the Hessian trace over the 512-row window: one Hessian-vector product (two window gradients). */
    @Benchmark
    public HutchinsonTrace.Estimate hessianTraceOneProbe() {
        return trace.estimate(params, window, 1);
    }

    /** The Hessian trace at the default {@value InsightConfig#DEFAULT_HESSIAN_PROBES} probes. */
    @Benchmark
    public HutchinsonTrace.Estimate hessianTraceDefaultProbes() {
        return trace.estimate(params, window, InsightConfig.DEFAULT_HESSIAN_PROBES);
    }

    /** Gradient noise and SNR, whole model and per layer: 512 per-sample gradients. */
    @Benchmark
    public GradientNoise.Result gradientNoise() {
        return noise.of(params, window);
    }

    /** Distance from initialisation and the update ratio, for both layers and the whole model. */
    @Benchmark
    public void distanceAndUpdateRatio(Blackhole bh) {
        for (ParamLayout.Layer l : layers) {
            int to = l.offset() + l.paramCount();
            bh.consume(ParameterMotion.distance(params, initialParams, l.offset(), to));
            bh.consume(ParameterMotion.updateRatio(previousParams, params, 64, l.offset(), to));
        }
        bh.consume(ParameterMotion.distance(params, initialParams, 0, params.length));
    }

    /** The hidden layer's spectral density: histogram, power-law fit, weighted α and Marchenko–Pastur outliers. */
    @Benchmark
    public SpectralDensity spectralDensity() {
        return SpectralDensity.of(eigenvalues, hidden.nIn(), hidden.nOut());
    }

    /**
     * Not a metric: what the window's inputs to feature rank, activation stats and margins cost to
     * produce, the hidden activations and logits of 512 rows (one forward pass per row, as the
     * inspector does).
     */
    @Benchmark
    public void windowForward(Blackhole bh) {
        int width = hidden.nOut();
        float[][] rows = {rowActivations};
        for (int r = 0; r < WINDOW; r++) {
            exec.forwardRow(params, xs[r], logits[r], rows);
            System.arraycopy(rowActivations, 0, activations, r * width, width);
        }
        bh.consume(activations);
    }
}

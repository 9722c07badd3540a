package io.sgdscope.trainer.model;

import java.util.Objects;

/**
 * Plain-Java executor on float arrays for {@code linear}, {@code mlp} and {@code dln} specs:
 * hand-written forward and backward passes, one row at a time, into buffers allocated once, so
 * the hot path allocates nothing. Cross-entropy is computed from the logits ({@link LogitLosses}:
 * gradient p - y in the logit, never vanishing on a saturated output), the same function the DL4J
 * networks get through {@code LogitCrossEntropyLoss}; regression is {@code LossMSE}'s
 * (gradient 2 (f - y)). So it trains the same parameters as {@code Dl4jExecutor}.
 *
 * <p>The last forward pass of {@link #output(float[], long, float[], float[])} is kept, stamped with
 * the caller's parameter version, until the next pass; a one-row
 * {@link #lossAndGradient(float[], long, Batch, float[])} of the same row at the same version
 * starts its backward pass from it. Not thread-safe.
 */
public final class FastExecutor implements ModelExecutor {

    private final ModelSpec spec;
    private final Kernels kernels;
    private final Task task;
    private final ParamLayout.Layer[] layers;
    private final int numParams;
    /** Pre-activations of each layer (for the last layer: the logits). */
    private final float[][] pre;
    /** Activations of each hidden layer; the last layer's entry is unused. */
    private final float[][] act;
    /** dLoss/dPre-activation of each layer. */
    private final float[][] delta;
    private final double[] probs;
    /** The output layer's pre-activations in double, for the loss. */
    private final double[] logits;
    /** One-hot target row, for the softmax gradient. */
    private final double[] oneHot;
    /** dLoss/dLogits in double, before it is stored into {@code delta}. */
    private final double[] logitGrad;
    /**
     * The forward pass {@link #pre} and {@link #act} hold, if a versioned output kept it: row
     * {@code keptX} at {@code keptParams}, version {@code keptVersion}; null and NO_VERSION if not.
     */
    private float[] keptParams;
    private float[] keptX;
    private long keptVersion = NO_VERSION;
    /** Whether every layer is dense, so a one-row gradient's norm follows from the deltas: see {@link #rowGradientNorm}. */
    private final boolean allDense;
    private double lastGradientNorm = Double.NaN;

    /** An executor on this JVM's {@link Kernels#active()} kernels. */
    public FastExecutor(ModelSpec spec) {
        this(spec, Kernels.active());
    }

    /** An executor on the given kernels (the benchmarks and tests compare the scalar and vector ones). */
    public FastExecutor(ModelSpec spec, Kernels kernels) {
        if (spec.kind() == ModelSpec.Kind.DL4J) {
            throw new IllegalArgumentException("model '" + spec + "' is a user's DL4J network: it runs on the dl4j "
                    + "executor only");
        }
        this.spec = spec;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.task = spec.task();
        ParamLayout layout = spec.layout();
        this.layers = layout.layers().toArray(new ParamLayout.Layer[0]);
        this.numParams = layout.numParams();
        this.pre = new float[layers.length][];
        this.act = new float[layers.length][];
        this.delta = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            pre[l] = new float[layers[l].nOut()];
            act[l] = new float[layers[l].nOut()];
            delta[l] = new float[layers[l].nOut()];
        }
        this.probs = new double[task.outputs()];
        this.logits = new double[task.outputs()];
        this.oneHot = new double[task.outputs()];
        this.logitGrad = new double[task.outputs()];
        this.allDense = layout.layers().stream().allMatch(l -> l.kind() != ParamLayout.LayerKind.DIAGONAL_LINEAR);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void output(float[] params, float[] x, float[] out) {
        checkOutput(params, x, out);
        forward(params, x);
        writeOutput(out);
    }

    @Override
    public void output(float[] params, long version, float[] x, float[] out) {
        checkOutput(params, x, out);
        forward(params, x);
        keptParams = params;
        keptX = x;
        keptVersion = version;
        writeOutput(out);
    }

    private void checkOutput(float[] params, float[] x, float[] out) {
        checkParams(params, "params");
        checkInput(x);
        if (out.length < task.outputs()) {
            throw new IllegalArgumentException("out has " + out.length + " slots, the model has " + task.outputs()
                    + " outputs");
        }
    }

    private void writeOutput(float[] out) {
        outputFunction(pre[layers.length - 1]);
        for (int k = 0; k < probs.length; k++) {
            out[k] = (float) probs[k];
        }
    }

    @Override
    public double lossAndGradient(float[] params, Batch batch, float[] grad) {
        return lossAndGradient(params, NO_VERSION, batch, grad);
    }

    @Override
    public double lossAndGradient(float[] params, long version, Batch batch, float[] grad) {
        checkParams(params, "params");
        checkParams(grad, "grad");
        int n = batch.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        boolean reuse = n == 1 && keptFor(params, version, batch.features(0));
        // the mean's 1/n goes into each row's output delta, so the gradient needs no pass of its own to scale
        float scale = 1f / n;
        double loss = 0;
        for (int r = 0; r < n; r++) {
            float[] x = batch.features(r);
            checkInput(x);
            if (!reuse) {
                forward(params, x);
            }
            loss += outputDelta(batch.target(r));
            if (n > 1) {
                scaleOutputDelta(scale);
            }
            // the first row writes the gradient, so it needs no clearing pass first
            backward(params, x, grad, r > 0);
        }
        lastGradientNorm = n == 1 && allDense ? rowGradientNorm(batch.features(0)) : Double.NaN;
        if (reuse) {
            // used once: the caller's next step changes the parameters
            dropKept();
        }
        return loss / n;
    }

    /** One-row batches of dense layers: the step whose gradient norm also comes from the deltas. */
    @Override
    public boolean descends(Batch batch) {
        return batch.size() == 1 && allDense;
    }

    @Override
    public double descend(float[] params, long version, Batch batch, float learningRate) {
        checkParams(params, "params");
        if (!descends(batch)) {
            throw new UnsupportedOperationException("the fused step takes one row of dense layers; model '" + spec
                    + "', " + batch.size() + " rows");
        }
        float[] x = batch.features(0);
        checkInput(x);
        boolean reuse = keptFor(params, version, x);
        if (!reuse) {
            forward(params, x);
        }
        double loss = outputDelta(batch.target(0));
        dropKept(); // the step changes the parameters
        if (!Double.isFinite(loss)) {
            lastGradientNorm = Double.NaN;
            return loss;
        }
        backwardDescending(params, x, -learningRate);
        lastGradientNorm = rowGradientNorm(x);
        return loss;
    }

    /**
     * {@link #backward} of one row, stepping each dense layer's weights as it goes instead of writing
     * a gradient: the layer below's delta is taken with W as it was ({@link Kernels#descendColumnAndBack}),
     * and a unit that passed nothing back has nothing to move (no zero-filled column).
     */
    private void backwardDescending(float[] p, float[] x, float minusLr) {
        for (int l = layers.length - 1; l >= 0; l--) {
            ParamLayout.Layer layer = layers[l];
            float[] in = l == 0 ? x : act[l - 1];
            float[] d = delta[l];
            int nIn = layer.nIn();
            int nOut = layer.nOut();
            int w = layer.offset();
            float[] below = l == 0 ? null : delta[l - 1];
            if (below != null) {
                kernels.zero(below, 0, below.length);
            }
            for (int j = 0; j < nOut; j++) {
                float dj = d[j];
                if (dj == 0f) {
                    continue;
                }
                int col = w + j * nIn;
                if (below == null) {
                    kernels.scaledColumn(in, minusLr * dj, p, col, nIn, true);
                } else {
                    kernels.descendColumnAndBack(in, dj, minusLr * dj, p, col, below, nIn);
                }
            }
            if (layer.bias()) {
                int b = layer.biasOffset();
                for (int j = 0; j < nOut; j++) {
                    p[b + j] = Math.fma(minusLr, d[j], p[b + j]);
                }
            }
            if (below == null) {
                break;
            }
            activationBackward(layers[l - 1].activation(), pre[l - 1], act[l - 1], below);
        }
    }

    @Override
    public double lastGradientNorm() {
        return lastGradientNorm;
    }

    /**
     * The norm of the one-row gradient {@link #backward} just wrote, from the deltas it left: a dense
     * layer's weight gradient is {@code in ⊗ d}, whose squared norm is |in|²|d|², and its bias
     * gradient is {@code d}. O(widths) instead of a pass over every parameter, which cost the
     * trainer as much as the backward pass itself. Like a pass over the float gradient, it is
     * infinite when an element overflowed and NaN when one is NaN.
     */
    private double rowGradientNorm(float[] x) {
        double sum = 0;
        for (int l = 0; l < layers.length; l++) {
            float[] in = l == 0 ? x : act[l - 1];
            float[] d = delta[l];
            double inNorm = kernels.norm(in);
            double dNorm = kernels.norm(d);
            // each |in_i d_j| is at most |in||d|: only beyond Float.MAX_VALUE can an element have overflowed
            if (!(inNorm * dNorm <= Float.MAX_VALUE) && maxAbs(in) * maxAbs(d) > Float.MAX_VALUE) {
                // an element of the float gradient overflowed, as a pass over it would find: not finite
                return Double.POSITIVE_INFINITY;
            }
            sum += dNorm * dNorm * (inNorm * inNorm + (layers[l].bias() ? 1 : 0));
        }
        return Math.sqrt(sum);
    }

    /** The largest magnitude in {@code v}; NaN if it holds one. */
    private static double maxAbs(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    private void scaleOutputDelta(float scale) {
        float[] d = delta[layers.length - 1];
        for (int k = 0; k < d.length; k++) {
            d[k] *= scale;
        }
    }

    /** Number of hidden layers whose activations {@link #hiddenActivations} can return (0 for linear and dln). */
    public int hiddenLayers() {
        return layers.length - 1;
    }

    /** Width of hidden layer {@code layer} (0-based). */
    public int hiddenWidth(int layer) {
        checkHidden(layer);
        return layers[layer].nOut();
    }

    /**
     * Writes the activations of hidden layer {@code layer} (0-based, after its nonlinearity) for
     * one input row into {@code out}; for feature rank and dead-unit probes.
     */
    public void hiddenActivations(float[] params, float[] x, int layer, float[] out) {
        checkHidden(layer);
        checkParams(params, "params");
        checkInput(x);
        if (out.length < layers[layer].nOut()) {
            throw new IllegalArgumentException("out has " + out.length + " slots, hidden layer " + layer + " has "
                    + layers[layer].nOut() + " units");
        }
        forward(params, x);
        System.arraycopy(act[layer], 0, out, 0, layers[layer].nOut());
    }

    /**
     * Writes the output layer's pre-activations (the logits, before sigmoid or softmax) for one
     * input row into {@code out}: one value for binary and regression, k for k classes; for
     * margin probes. {@link #output} is the task's output function of these values.
     */
    public void logits(float[] params, float[] x, float[] out) {
        checkParams(params, "params");
        checkInput(x);
        int k = task.outputs();
        if (out.length < k) {
            throw new IllegalArgumentException("out has " + out.length + " slots, the model has " + k + " logits");
        }
        forward(params, x);
        System.arraycopy(pre[layers.length - 1], 0, out, 0, k);
    }

    /**
     * One forward pass for one row, writing what a metrics snapshot needs of it: the output
     * layer's pre-activations into {@code logits} and each hidden layer {@code l}'s activations
     * into {@code hidden[l]} (as {@link #logits} and {@link #hiddenActivations} would, in one pass).
     */
    public void forwardRow(float[] params, float[] x, float[] logits, float[][] hidden) {
        checkParams(params, "params");
        checkInput(x);
        if (logits.length < task.outputs() || hidden.length < hiddenLayers()) {
            throw new IllegalArgumentException("buffers for " + logits.length + " logits and " + hidden.length
                    + " hidden layers, the model has " + task.outputs() + " and " + hiddenLayers());
        }
        forward(params, x);
        System.arraycopy(pre[layers.length - 1], 0, logits, 0, task.outputs());
        for (int l = 0; l < hiddenLayers(); l++) {
            System.arraycopy(act[l], 0, hidden[l], 0, layers[l].nOut());
        }
    }

    /** Overwrites the buffers, so whatever pass was kept is gone until a versioned output keeps this one. */
    private void forward(float[] p, float[] x) {
        dropKept();
        float[] in = x;
        for (int l = 0; l < layers.length; l++) {
            ParamLayout.Layer layer = layers[l];
            float[] z = pre[l];
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                z[0] = diagonalForward(p, layer.offset(), layer.nIn(), in);
            } else {
                denseForward(p, layer, in, z);
            }
            if (l + 1 < layers.length) {
                activate(layer.activation(), z, act[l]);
                in = act[l];
            }
        }
    }

    /** Whether the kept forward pass is of row {@code x} at these parameters, of a known version. */
    private boolean keptFor(float[] params, long version, float[] x) {
        return version != NO_VERSION && version == keptVersion && params == keptParams && x == keptX;
    }

    private void dropKept() {
        keptParams = null;
        keptX = null;
        keptVersion = NO_VERSION;
    }

    /**
     * z = W^T in + b. W's columns (one per output) are contiguous, so each output is a dot product
     * with {@code in}: the kernels' {@link Kernels#columnDots}.
     */
    private void denseForward(float[] p, ParamLayout.Layer layer, float[] in, float[] z) {
        int nOut = layer.nOut();
        kernels.columnDots(p, layer.offset(), layer.nIn(), nOut, in, z);
        if (layer.bias()) {
            int b = layer.biasOffset();
            for (int j = 0; j < nOut; j++) {
                z[j] += p[b + j];
            }
        }
    }

    private static float diagonalForward(float[] p, int off, int n, float[] x) {
        float s0 = 0;
        float s1 = 0;
        for (int i = 0; i < n; i++) {
            float u = p[off + i];
            float v = p[off + n + i];
            float beta = u * u - v * v;
            if ((i & 1) == 0) {
                s0 += beta * x[i];
            } else {
                s1 += beta * x[i];
            }
        }
        return s0 + s1;
    }

    private static void activate(Activation f, float[] z, float[] a) {
        switch (f) {
            case RELU -> {
                // max rather than a branch: a loop the JIT vectorises (and a NaN stays NaN)
                for (int j = 0; j < z.length; j++) {
                    a[j] = Math.max(z[j], 0f);
                }
            }
            case TANH -> {
                for (int j = 0; j < z.length; j++) {
                    a[j] = (float) Math.tanh(z[j]);
                }
            }
            case IDENTITY -> System.arraycopy(z, 0, a, 0, z.length);
            default -> throw new IllegalStateException("activation " + f);
        }
    }

    /** Applies the task's output function to the logits into {@link #probs}. */
    private void outputFunction(float[] z) {
        switch (task.kind()) {
            case BINARY -> probs[0] = LogitLosses.sigmoid(z[0]);
            case REGRESSION -> probs[0] = z[0];
            case MULTICLASS -> {
                for (int k = 0; k < probs.length; k++) {
                    logits[k] = z[k];
                }
                LogitLosses.softmax(logits, probs);
            }
            default -> throw new IllegalStateException("task " + task);
        }
    }

    /**
     * Loss of the current forward pass against {@code target}, from the logits; writes
     * dLoss/dLogits of this row (p - y for both cross-entropies, 2 (f - y) for squared error).
     */
    private double outputDelta(double target) {
        int last = layers.length - 1;
        float[] z = pre[last];
        float[] d = delta[last];
        switch (task.kind()) {
            case BINARY -> {
                double y = classIndex(target, 2);
                d[0] = (float) (LogitLosses.sigmoid(z[0]) - y);
                return LogitLosses.binaryCrossEntropy(z[0], y);
            }
            case MULTICLASS -> {
                int y = classIndex(target, logits.length);
                for (int k = 0; k < logits.length; k++) {
                    logits[k] = z[k];
                    oneHot[k] = k == y ? 1 : 0;
                }
                LogitLosses.softmaxGradient(logits, oneHot, logitGrad);
                for (int k = 0; k < logits.length; k++) {
                    d[k] = (float) logitGrad[k];
                }
                return LogitLosses.logSumExp(logits) - logits[y];
            }
            case REGRESSION -> {
                if (!Double.isFinite(target)) {
                    throw new IllegalArgumentException("regression target must be finite, got " + target);
                }
                double diff = z[0] - target;
                d[0] = (float) (2 * diff);
                return diff * diff;
            }
            default -> throw new IllegalStateException("task " + task);
        }
    }

    private static int classIndex(double target, int classes) {
        int y = (int) target;
        if (y != target || y < 0 || y >= classes) {
            throw new IllegalArgumentException("target " + target + " is not a class index in [0, " + classes + ")");
        }
        return y;
    }

    /**
     * This row's gradient, from {@code delta[last]} back to the input: written into {@code g}, or
     * added to it when {@code accumulate}. A dense layer's weights get the outer product in x d^T
     * and, in the same pass over W, the layer below gets W d: one read of W per layer, and loops
     * over contiguous columns ({@link Kernels#scaledColumnAndBack}).
     */
    private void backward(float[] p, float[] x, float[] g, boolean accumulate) {
        for (int l = layers.length - 1; l >= 0; l--) {
            ParamLayout.Layer layer = layers[l];
            float[] in = l == 0 ? x : act[l - 1];
            float[] d = delta[l];
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                diagonalBackward(p, layer.offset(), layer.nIn(), in, d[0], g, accumulate);
                continue;
            }
            int nIn = layer.nIn();
            int nOut = layer.nOut();
            int w = layer.offset();
            float[] below = l == 0 ? null : delta[l - 1];
            if (below != null) {
                kernels.zero(below, 0, below.length);
            }
            for (int j = 0; j < nOut; j++) {
                float dj = d[j];
                int col = w + j * nIn;
                if (dj == 0f) {
                    // a unit ReLU switched off: no gradient and nothing to pass down
                    if (!accumulate) {
                        kernels.zero(g, col, nIn);
                    }
                } else if (below == null) {
                    kernels.scaledColumn(in, dj, g, col, nIn, accumulate);
                } else {
                    kernels.scaledColumnAndBack(in, dj, p, g, col, below, nIn, accumulate);
                }
            }
            if (layer.bias()) {
                int b = layer.biasOffset();
                if (accumulate) {
                    for (int j = 0; j < nOut; j++) {
                        g[b + j] += d[j];
                    }
                } else {
                    System.arraycopy(d, 0, g, b, nOut);
                }
            }
            if (below == null) {
                break;
            }
            activationBackward(layers[l - 1].activation(), pre[l - 1], act[l - 1], below);
        }
    }

    private void activationBackward(Activation f, float[] z, float[] a, float[] d) {
        switch (f) {
            case RELU -> kernels.reluBackward(z, d, d.length);
            case TANH -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] *= 1f - a[i] * a[i];
                }
            }
            case IDENTITY -> {
                // derivative 1
            }
            default -> throw new IllegalStateException("activation " + f);
        }
    }

    private static void diagonalBackward(float[] p, int off, int n, float[] x, float dz, float[] g,
                                         boolean accumulate) {
        float two = 2f * dz;
        for (int i = 0; i < n; i++) {
            float xi = x[i] * two;
            float gu = p[off + i] * xi;
            float gv = -p[off + n + i] * xi;
            g[off + i] = accumulate ? g[off + i] + gu : gu;
            g[off + n + i] = accumulate ? g[off + n + i] + gv : gv;
        }
    }

    private void checkParams(float[] a, String what) {
        if (a.length != numParams) {
            throw new IllegalArgumentException(what + " has " + a.length + " values, model '" + spec + "' has "
                    + numParams);
        }
    }

    private void checkInput(float[] x) {
        if (x.length != layers[0].nIn()) {
            throw new IllegalArgumentException("input has " + x.length + " features, model '" + spec + "' expects "
                    + layers[0].nIn());
        }
    }

    private void checkHidden(int layer) {
        if (layer < 0 || layer >= hiddenLayers()) {
            throw new IllegalArgumentException("hidden layer " + layer + " does not exist; model '" + spec + "' has "
                    + hiddenLayers());
        }
    }
}

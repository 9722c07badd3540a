package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.Task;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a model on a DL4J {@link MultiLayerNetwork}. Each call copies the caller's parameters into
 * the network, so the executor stays stateless with respect to them. DL4J's raw gradient is the
 * sum over the minibatch (its updater divides by the batch size) while its score is the mean;
 * {@link #lossAndGradient} divides, so both are of the mean loss. Not thread-safe.
 *
 * <p>One-row outputs (the prequential prediction of every sample) of sgdscope's own architectures
 * go through {@link FastExecutor}'s forward pass: the same function of the same parameters, while
 * DL4J's per-op overhead would cost more than the whole batch step at batch 256. Gradients are
 * always DL4J's; a user's {@code dl4j:} network runs wholly in DL4J. Classifiers' loss is
 * {@link LogitCrossEntropyLoss} ({@link Dl4jModels}), the fast executor's cross-entropy from the
 * logits. A kept forward pass ({@code output(params, version, x, out)}) is not reused here: DL4J
 * runs its own forward pass for every gradient.
 */
public final class Dl4jExecutor implements ModelExecutor {

    private final ModelSpec spec;
    private final Task task;
    private final MultiLayerNetwork net;
    private final int inputs;
    private final int numParams;
    private final long[] paramShape;
    private final boolean lossLayerOutput;
    /** Null for a user's network, whose forward pass only DL4J knows. */
    private final FastExecutor forward;

    public Dl4jExecutor(ModelSpec spec) {
        ModelSpec resolved = spec;
        if (spec.kind() == ModelSpec.Kind.DL4J && spec.task() == null) {
            resolved = Dl4jModels.load(spec).spec();
        }
        this.spec = resolved;
        this.task = resolved.task();
        this.net = Dl4jModels.network(resolved);
        this.inputs = resolved.kind() == ModelSpec.Kind.DL4J ? resolved.widths()[0] : resolved.inputs();
        this.numParams = (int) net.numParams();
        this.paramShape = new long[] {1, numParams};
        this.lossLayerOutput = net.getOutputLayer() instanceof org.deeplearning4j.nn.layers.LossLayer;
        this.forward = resolved.kind() == ModelSpec.Kind.DL4J ? null : new FastExecutor(resolved);
        if (resolved.kind() != ModelSpec.Kind.DL4J && numParams != resolved.layout().numParams()) {
            throw new IllegalStateException("DL4J network of '" + resolved + "' has " + numParams
                    + " parameters, the layout " + resolved.layout().numParams());
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** Number of parameters of the network. */
    public int numParams() {
        return numParams;
    }

    @Override
    public void output(float[] params, float[] x, float[] out) {
        if (forward != null) {
            forward.output(params, x, out);
            return;
        }
        outputInDl4j(params, x, out);
    }

    /** The forward pass in DL4J itself, also for sgdscope's own architectures; tests compare the two. */
    void outputInDl4j(float[] params, float[] x, float[] out) {
        setParams(params);
        checkInput(x);
        if (out.length < task.outputs()) {
            throw new IllegalArgumentException("out has " + out.length + " slots, the model has " + task.outputs()
                    + " outputs");
        }
        INDArray y = net.output(Nd4j.create(x, new long[] {1, inputs}, 'c'));
        for (int k = 0; k < task.outputs(); k++) {
            out[k] = y.getFloat(0, k);
        }
    }

    @Override
    public double lossAndGradient(float[] params, Batch batch, float[] grad) {
        setParams(params);
        if (grad.length != numParams) {
            throw new IllegalArgumentException("grad has " + grad.length + " values, model '" + spec + "' has "
                    + numParams);
        }
        int n = batch.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int outs = task.outputs();
        float[] features = new float[n * inputs];
        float[] labels = new float[n * outs];
        for (int r = 0; r < n; r++) {
            float[] x = batch.features(r);
            checkInput(x);
            System.arraycopy(x, 0, features, r * inputs, inputs);
            double t = batch.target(r);
            switch (task.kind()) {
                case BINARY -> labels[r] = classIndex(t, 2);
                case MULTICLASS -> labels[r * outs + classIndex(t, outs)] = 1f;
                case REGRESSION -> {
                    if (!Double.isFinite(t)) {
                        throw new IllegalArgumentException("regression target must be finite, got " + t);
                    }
                    labels[r] = (float) t;
                }
                default -> throw new IllegalStateException("task " + task);
            }
        }
        INDArray f = Nd4j.create(features, new long[] {n, inputs}, 'c');
        INDArray y = Nd4j.create(labels, new long[] {n, outs}, 'c');
        net.setInput(f);
        net.setLabels(y);
        net.computeGradientAndScore();
        // a LossLayer's backprop applies its activation in place on the layer's input, so the
        // score computeGradientAndScore reports afterwards is of sigmoid(p), not p: score afresh
        double loss = lossLayerOutput ? net.score(new DataSet(f, y), false) : net.score();
        float[] sum = net.getGradientsViewArray().toFloatVector();
        float inv = 1f / n;
        for (int i = 0; i < numParams; i++) {
            grad[i] = n == 1 ? sum[i] : sum[i] * inv;
        }
        net.clear();
        return loss;
    }

    private void setParams(float[] params) {
        if (params.length != numParams) {
            throw new IllegalArgumentException("params has " + params.length + " values, model '" + spec + "' has "
                    + numParams);
        }
        net.setParams(Nd4j.create(params, paramShape, 'c'));
    }

    private void checkInput(float[] x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("input has " + x.length + " features, model '" + spec + "' expects "
                    + inputs);
        }
    }

    private static int classIndex(double target, int classes) {
        int y = (int) target;
        if (y != target || y < 0 || y >= classes) {
            throw new IllegalArgumentException("target " + target + " is not a class index in [0, " + classes + ")");
        }
        return y;
    }

    @Override
    public void close() {
        net.close();
    }
}

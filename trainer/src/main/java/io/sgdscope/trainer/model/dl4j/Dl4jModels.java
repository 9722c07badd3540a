package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ParamLayout;
import io.sgdscope.trainer.model.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Model specs as DL4J configurations, and users' own DL4J networks. The configurations' flat
 * parameters are exactly {@link ParamLayout}: dense layers hold W (column-major) then b, a
 * {@link DiagonalLinearLayer} holds u then v. No regularisation; the updater is a no-op, since
 * sgdscope's optimizers update the parameters. Classifiers' loss is {@link LogitCrossEntropyLoss},
 * computed from the logits; a user's network gets it in place of its {@code LossBinaryXENT},
 * {@code LossMCXENT} or {@code LossNegativeLogLikelihood} when it is loaded.
 */
public final class Dl4jModels {

    private Dl4jModels() {
    }

    /** The DL4J configuration of a {@code linear}, {@code mlp} or {@code dln} spec; a {@code dl4j:} spec's file's. */
    public static MultiLayerConfiguration configuration(ModelSpec spec) {
        if (spec.kind() == ModelSpec.Kind.DL4J) {
            return network(spec).getLayerWiseConfigurations();
        }
        Task task = spec.task();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .weightInit(WeightInit.ZERO)
                .list();
        List<ParamLayout.Layer> layers = spec.layout().layers();
        for (int l = 0; l < layers.size(); l++) {
            ParamLayout.Layer layer = layers.get(l);
            boolean last = l + 1 == layers.size();
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                list.layer(new DiagonalLinearLayer(layer.nIn(), spec.initScale()));
                list.layer(new LossLayer.Builder(lossOf(task)).activation(outputActivation(task)).build());
            } else if (last) {
                list.layer(new OutputLayer.Builder(lossOf(task)).activation(outputActivation(task))
                        .nIn(layer.nIn()).nOut(layer.nOut()).hasBias(layer.bias()).build());
            } else {
                list.layer(new DenseLayer.Builder().activation(hiddenActivation(layer.activation()))
                        .nIn(layer.nIn()).nOut(layer.nOut()).hasBias(layer.bias()).build());
            }
        }
        return list.build();
    }

    /**
     * An initialised network for the spec. Spec-built networks start at zero weights (callers set
     * the parameters); a {@code dl4j:} file's network starts at the file's parameters (a model
     * zip) or at the initialisation its configuration defines (a JSON).
     */
    public static MultiLayerNetwork network(ModelSpec spec) {
        if (spec.kind() != ModelSpec.Kind.DL4J) {
            MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
            net.init();
            return net;
        }
        Path file = spec.file();
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("dl4j model file " + file + " does not exist or is not a file");
        }
        String name = file.getFileName().toString().toLowerCase();
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".zip")) {
            throw new IllegalArgumentException("dl4j model file " + file
                    + " must be a MultiLayerConfiguration .json or a ModelSerializer .zip");
        }
        MultiLayerNetwork saved = null;
        MultiLayerConfiguration conf;
        try {
            if (json) {
                conf = MultiLayerConfiguration.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            } else {
                saved = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
                conf = saved.getLayerWiseConfigurations().clone();
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read dl4j model file " + file + ": " + e.getMessage(), e);
        }
        useLogitLoss(conf, file);
        // the network is built after the loss is replaced, so no layer holds the file's loss
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        if (saved == null) {
            net.init();
        } else {
            net.init(saved.params(), true);
            saved.close();
        }
        return net;
    }

    /**
     * Replaces a classifier output layer's cross-entropy by {@link LogitCrossEntropyLoss}, the
     * same function computed from the logits, so a saturated wrong output still has a gradient.
     * Class weights have no counterpart there and are refused; other losses are left to
     * {@link #taskOf}, which refuses what sgdscope does not support.
     */
    static void useLogitLoss(MultiLayerConfiguration conf, Path file) {
        Layer out = conf.getConf(conf.getConfs().size() - 1).getLayer();
        if (!(out instanceof BaseOutputLayer ol)) {
            return;
        }
        ILossFunction loss = ol.getLossFn();
        boolean binary = loss instanceof LossBinaryXENT && ol.getActivationFn() instanceof ActivationSigmoid;
        boolean multiclass = loss instanceof LossMCXENT && ol.getActivationFn() instanceof ActivationSoftmax;
        if (!binary && !multiclass) {
            return;
        }
        INDArray weights = binary ? ((LossBinaryXENT) loss).getWeights() : ((LossMCXENT) loss).getWeights();
        if (weights != null) {
            throw new IllegalArgumentException("dl4j model " + file + ": the output layer's " + loss.name()
                    + " has class weights, which sgdscope's logit cross-entropy does not support; remove them");
        }
        ol.setLossFn(new LogitCrossEntropyLoss());
    }

    /**
     * Loads a user's {@code dl4j:} network: its spec with the task inferred from the output layer
     * and the input width from the first layer, and its initial parameters.
     */
    public static LoadedModel load(ModelSpec spec) {
        if (spec.kind() != ModelSpec.Kind.DL4J) {
            throw new IllegalArgumentException("load() reads dl4j: files; build '" + spec + "' with initialParams()");
        }
        MultiLayerNetwork net = network(spec);
        return new LoadedModel(describe(net.getLayerWiseConfigurations(), spec.file()), net.params().toFloatVector());
    }

    /** The dl4j: spec of a user's configuration: task from its output layer, widths {nIn, outputs}. */
    static ModelSpec describe(MultiLayerConfiguration conf, Path file) {
        int n = conf.getConfs().size();
        Layer first = conf.getConf(0).getLayer();
        if (!(first instanceof FeedForwardLayer ff) || ff.getNIn() < 1) {
            throw new IllegalArgumentException("dl4j model " + file + ": the first layer must be a feed-forward layer "
                    + "with nIn set, got " + first.getClass().getSimpleName());
        }
        Task task = taskOf(conf.getConf(n - 1).getLayer(), n > 1 ? conf.getConf(n - 2).getLayer() : null, file);
        return new ModelSpec(ModelSpec.Kind.DL4J, new int[] {(int) ff.getNIn(), task.outputs()},
                io.sgdscope.trainer.model.Activation.IDENTITY, 1, true, file, task);
    }

    static Task taskOf(Layer out, Layer before, Path file) {
        if (!(out instanceof BaseOutputLayer ol)) {
            throw new IllegalArgumentException("dl4j model " + file + ": the last layer must be an OutputLayer or "
                    + "LossLayer, got " + out.getClass().getSimpleName());
        }
        long nOut = ol.getNOut();
        if (nOut < 1 && out instanceof LossLayer && before instanceof FeedForwardLayer prev) {
            nOut = prev.getNOut();
        }
        IActivation act = ol.getActivationFn();
        ILossFunction loss = ol.getLossFn();
        String what = "output layer " + out.getClass().getSimpleName() + " (nOut " + nOut + ", activation " + act
                + ", loss " + (loss == null ? null : loss.getClass().getSimpleName()) + ")";
        boolean logitLoss = loss instanceof LogitCrossEntropyLoss;
        if (nOut == 1 && act instanceof ActivationSigmoid && (loss instanceof LossBinaryXENT || logitLoss)) {
            return Task.binary();
        }
        if (nOut == 1 && act instanceof ActivationIdentity && loss instanceof LossMSE) {
            return Task.regression();
        }
        if (nOut >= 3 && act instanceof ActivationSoftmax
                && (loss instanceof LossMCXENT || logitLoss)) {
            return Task.classification((int) nOut);
        }
        throw new IllegalArgumentException("dl4j model " + file + ": unsupported " + what + "; supported: 1 sigmoid "
                + "unit + XENT (binary; not 2 softmax units), k >= 3 softmax units + MCXENT/NLL, 1 identity unit "
                + "+ MSE; XENT, MCXENT and NLL are replaced by " + LogitCrossEntropyLoss.class.getSimpleName());
    }

    private static ILossFunction lossOf(Task task) {
        return switch (task.kind()) {
            case BINARY, MULTICLASS -> new LogitCrossEntropyLoss();
            case REGRESSION -> new LossMSE();
        };
    }

    private static Activation outputActivation(Task task) {
        return switch (task.kind()) {
            case BINARY -> Activation.SIGMOID;
            case MULTICLASS -> Activation.SOFTMAX;
            case REGRESSION -> Activation.IDENTITY;
        };
    }

    private static Activation hiddenActivation(io.sgdscope.trainer.model.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU;
            case TANH -> Activation.TANH;
            case IDENTITY -> Activation.IDENTITY;
        };
    }
}

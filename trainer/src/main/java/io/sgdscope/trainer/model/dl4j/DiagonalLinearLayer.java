package io.sgdscope.trainer.model.dl4j;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J configuration of a diagonal linear network's layer: parameters {@code u} and {@code v}
 * (each [1, nIn], in that order in the flat parameter vector) and one output
 * z = x . (u*u - v*v). Initialised at u = v = alpha, so beta starts at 0. Followed by a
 * {@code LossLayer} that applies the task's output function and loss.
 * <p>
 * A hand-written layer ({@link DiagonalLinearLayerImpl}) rather than a {@code SameDiffLayer}:
 * in DL4J 1.0.0-M2.1 a {@code SameDiffLayer} returned twice the true gradient, for its
 * parameters and its input alike (checked against finite differences of DL4J's own score).
 * Fields are serialised to the configuration JSON by DL4J's mapper.
 */
public class DiagonalLinearLayer extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    public static final String U = "u";
    public static final String V = "v";

    private double initScale;

    public DiagonalLinearLayer(long nIn, double initScale) {
        if (nIn < 1) {
            throw new IllegalArgumentException("nIn must be >= 1, got " + nIn);
        }
        if (!(initScale > 0)) {
            throw new IllegalArgumentException("init must be > 0, got " + initScale);
        }
        setNIn(nIn);
        setNOut(1);
        this.initScale = initScale;
    }

    /** For DL4J's JSON deserialisation. */
    protected DiagonalLinearLayer() {
    }

    public double getInitScale() {
        return initScale;
    }

    public void setInitScale(double initScale) {
        this.initScale = initScale;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType dataType) {
        DiagonalLinearLayerImpl layer = new DiagonalLinearLayerImpl(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> table = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return DiagonalLinearParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(1);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, DiagonalLinearLayer.class, inputType,
                getOutputType(-1, inputType))
                .standardMemory(params, params)
                .workingMemory(0, nIn, 0, nIn)
                .cacheMemory(0, 0)
                .build();
    }
}

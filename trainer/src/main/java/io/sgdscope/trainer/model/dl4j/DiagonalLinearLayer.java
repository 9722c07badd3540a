package io.sgdscope.trainer.model.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J layer of a diagonal linear network: parameters {@code u} and {@code v} (each [1, nIn], in
 * that order in the flat parameter vector) and one output z = x . (u*u - v*v). Initialised at
 * u = v = alpha, so beta starts at 0. Followed by a {@code LossLayer} that applies the task's
 * output function and loss. Fields are serialised to the configuration JSON by DL4J's mapper.
 */
public class DiagonalLinearLayer extends SameDiffLayer {

    public static final String U = "u";
    public static final String V = "v";

    private long nIn;
    private double initScale;

    public DiagonalLinearLayer(long nIn, double initScale) {
        if (nIn < 1) {
            throw new IllegalArgumentException("nIn must be >= 1, got " + nIn);
        }
        this.nIn = nIn;
        this.initScale = initScale;
    }

    /** For DL4J's JSON deserialisation. */
    protected DiagonalLinearLayer() {
    }

    public long getNIn() {
        return nIn;
    }

    public double getInitScale() {
        return initScale;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable u = params.get(U);
        SDVariable v = params.get(V);
        SDVariable beta = u.mul(u).sub(v.mul(v));
        return input.mul(beta).sum(true, 1);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(U, 1, nIn);
        params.addWeightParam(V, 1, nIn);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(U).assign(initScale);
        params.get(V).assign(initScale);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(1);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (override || nIn <= 0) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }
}

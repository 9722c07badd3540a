package io.sgdscope.trainer.model.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running {@link DiagonalLinearLayer}: z = x beta with beta = u*u - v*v; backward
 * dL/dbeta = eps^T x (summed over the minibatch, as DL4J's layers do), dL/du = 2 u dL/dbeta,
 * dL/dv = -2 v dL/dbeta, dL/dx = eps beta.
 */
public class DiagonalLinearLayerImpl extends BaseLayer<DiagonalLinearLayer> {

    private static final long serialVersionUID = 1L;

    public DiagonalLinearLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private INDArray beta() {
        INDArray u = getParam(DiagonalLinearLayer.U);
        INDArray v = getParam(DiagonalLinearLayer.V);
        return u.mul(u).subi(v.mul(v));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray in = input.castTo(dataType);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.size(0), 1);
        in.mmuli(beta().reshape(in.size(1), 1), out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        INDArray u = getParam(DiagonalLinearLayer.U);
        INDArray v = getParam(DiagonalLinearLayer.V);
        INDArray gBeta = epsilon.reshape(1, epsilon.length()).mmul(in);
        INDArray gu = gradientViews.get(DiagonalLinearLayer.U);
        INDArray gv = gradientViews.get(DiagonalLinearLayer.V);
        gu.assign(u.mul(gBeta).muli(2));
        gv.assign(v.mul(gBeta).muli(-2));
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(DiagonalLinearLayer.U, gu);
        g.gradientForVariable().put(DiagonalLinearLayer.V, gv);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.size(0),
                in.size(1));
        epsilon.reshape(epsilon.length(), 1).mmuli(beta(), epsOut);
        return new Pair<>(g, epsOut);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}

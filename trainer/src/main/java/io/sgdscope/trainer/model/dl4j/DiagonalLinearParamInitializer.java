package io.sgdscope.trainer.model.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Parameters of a {@link DiagonalLinearLayer}: u then v, each a [1, nIn] view of the flat vector. */
public final class DiagonalLinearParamInitializer implements ParamInitializer {

    public static final DiagonalLinearParamInitializer INSTANCE = new DiagonalLinearParamInitializer();

    private static final List<String> KEYS = List.of(DiagonalLinearLayer.U, DiagonalLinearLayer.V);

    private DiagonalLinearParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * ((DiagonalLinearLayer) layer).getNIn();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        DiagonalLinearLayer layer = (DiagonalLinearLayer) conf.getLayer();
        Map<String, INDArray> table = views(layer, paramsView);
        if (initializeParams) {
            table.values().forEach(a -> a.assign(layer.getInitScale()));
        }
        conf.addVariable(DiagonalLinearLayer.U);
        conf.addVariable(DiagonalLinearLayer.V);
        return table;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((DiagonalLinearLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(DiagonalLinearLayer layer, INDArray flat) {
        long n = layer.getNIn();
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> table = new LinkedHashMap<>();
        table.put(DiagonalLinearLayer.U, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n)));
        table.put(DiagonalLinearLayer.V, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(n, 2 * n)));
        return table;
    }
}

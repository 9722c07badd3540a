package io.sgdscope.trainer.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.ParamLayout;
import io.sgdscope.trainer.model.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class Dl4jModelsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linear:5-2", "linear:5-3,bias=false", "linear:5-1", "mlp:5-4-3-2,act=relu",
        "mlp:5-4-3,act=tanh,bias=false", "dln:5-1", "dln:5-2"})
    void dl4jsParamTableSitsWhereParamLayoutSays(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        ParamLayout layout = spec.layout();
        MultiLayerNetwork net = Dl4jModels.network(spec);
        assertThat(net.numParams()).isEqualTo(layout.numParams());
        float[] flat = new float[layout.numParams()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
        net.setParams(Nd4j.create(flat, new long[] {1, flat.length}, 'c'));
        Map<String, INDArray> table = net.paramTable();
        List<String> expectedKeys = new ArrayList<>();
        for (int l = 0; l < layout.layers().size(); l++) {
            ParamLayout.Layer layer = layout.layers().get(l);
            if (layer.kind() == ParamLayout.LayerKind.DIAGONAL_LINEAR) {
                expectedKeys.addAll(List.of(l + "_u", l + "_v"));
                INDArray u = table.get(l + "_u");
                INDArray v = table.get(l + "_v");
                assertThat(u.shape()).containsExactly(1, layer.nIn());
                for (int i = 0; i < layer.nIn(); i++) {
                    assertThat(u.getFloat(0, i)).isEqualTo(flat[layer.offset() + i]);
                    assertThat(v.getFloat(0, i)).isEqualTo(flat[layer.offset() + layer.nIn() + i]);
                }
                continue;
            }
            expectedKeys.add(l + "_W");
            INDArray w = table.get(l + "_W");
            assertThat(w.shape()).containsExactly(layer.nIn(), layer.nOut());
            for (int i = 0; i < layer.nIn(); i++) {
                for (int j = 0; j < layer.nOut(); j++) {
                    assertThat(w.getFloat(i, j)).as("W[%d][%d] of layer %d", i, j, l)
                            .isEqualTo(flat[layer.weightIndex(i, j)]);
                }
            }
            if (layer.bias()) {
                expectedKeys.add(l + "_b");
                INDArray b = table.get(l + "_b");
                for (int j = 0; j < layer.nOut(); j++) {
                    assertThat(b.getFloat((long) j)).isEqualTo(flat[layer.biasOffset() + j]);
                }
            }
        }
        assertThat(table.keySet()).containsExactlyElementsOf(expectedKeys);
    }

    @Test
    void dlnStartsWhereTheSpecsInitialParamsDo() {
        ModelSpec spec = ModelSpec.parse("dln:4-1,init=0.25");
        assertThat(Dl4jModels.network(spec).params().toFloatVector()).containsExactly(spec.initialParams(1));
    }

    @Test
    void modelFilesRoundTripSpecAndParamsBitExactly() throws IOException {
        for (String text : List.of("mlp:6-5-3,act=tanh,init=0.1,bias=false", "dln:6-2,init=0.01", "linear:6-1")) {
            ModelSpec spec = ModelSpec.parse(text);
            float[] params = spec.initialParams(3);
            params[0] = Float.intBitsToFloat(0x3f800001); // 1 + ulp: survives only a bit-exact write
            Path file = dir.resolve(spec.kind() + ".zip");
            Dl4jModelFiles.write(spec, params, file);
            LoadedModel back = Dl4jModelFiles.read(file);
            assertThat(back.spec()).isEqualTo(spec);
            assertThat(back.spec().task()).isEqualTo(spec.task());
            assertThat(back.params()).containsExactly(params);
            // and it is a plain DL4J model file
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            assertThat(net.params().toFloatVector()).containsExactly(params);
        }
    }

    @Test
    void readingSomethingElseNamesTheFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        assertThatThrownBy(() -> Dl4jModelFiles.read(junk)).isInstanceOf(IOException.class)
                .hasMessageContaining("junk.zip");
        assertThatThrownBy(() -> Dl4jModelFiles.write(ModelSpec.parse("linear:3-2"), new float[2],
                dir.resolve("x.zip"))).hasMessageContaining("params has 2 values");
    }

    @Test
    void loadsAUsersConfigurationJsonAndModelZipAndInfersTheTask() throws IOException {
        MultiLayerConfiguration conf = userConf(Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT, 4);
        Path json = Files.writeString(dir.resolve("conf.json"), conf.toJson(), StandardCharsets.UTF_8);
        LoadedModel fromJson = Dl4jModels.load(ModelSpec.parse("dl4j:" + json));
        assertThat(fromJson.spec().task()).isEqualTo(Task.classification(4));
        assertThat(fromJson.spec().widths()).containsExactly(7, 4);
        assertThat(fromJson.params()).hasSize(7 * 5 + 5 + 5 * 4 + 4);

        MultiLayerNetwork net = new MultiLayerNetwork(userConf(Activation.SIGMOID, LossFunctions.LossFunction.XENT, 1));
        net.init();
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        LoadedModel fromZip = Dl4jModels.load(ModelSpec.parse("dl4j:" + zip));
        assertThat(fromZip.spec().task()).isEqualTo(Task.binary());
        assertThat(fromZip.params()).containsExactly(net.params().toFloatVector());

        // and such a model trains on the dl4j executor, round-tripping through a model file
        try (Dl4jExecutor exec = new Dl4jExecutor(fromZip.spec())) {
            assertThat(exec.numParams()).isEqualTo(fromZip.params().length);
        }
        Path ckpt = dir.resolve("ckpt.zip");
        Dl4jModelFiles.write(fromZip.spec(), fromZip.params(), ckpt);
        LoadedModel back = Dl4jModelFiles.read(ckpt);
        assertThat(back.spec()).isEqualTo(fromZip.spec());
        assertThat(back.params()).containsExactly(fromZip.params());
    }

    @Test
    void usersModelsWithAnUnsupportedOutputOrNoFileFailNamingTheFile() throws IOException {
        Path json = Files.writeString(dir.resolve("two-softmax.json"),
                userConf(Activation.SOFTMAX, LossFunctions.LossFunction.MCXENT, 2).toJson());
        assertThatThrownBy(() -> Dl4jModels.load(ModelSpec.parse("dl4j:" + json)))
                .hasMessageContaining("two-softmax.json").hasMessageContaining("unsupported output layer");
        assertThatThrownBy(() -> Dl4jModels.load(ModelSpec.parse("dl4j:" + dir.resolve("missing.zip"))))
                .hasMessageContaining("missing.zip").hasMessageContaining("does not exist");
        Path txt = Files.writeString(dir.resolve("model.txt"), "{}");
        assertThatThrownBy(() -> Dl4jModels.load(ModelSpec.parse("dl4j:" + txt)))
                .hasMessageContaining("model.txt").hasMessageContaining(".json");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertThatThrownBy(() -> Dl4jModels.load(ModelSpec.parse("dl4j:" + bad)))
                .hasMessageContaining("bad.json");
    }

    /**
     * A user's cross-entropy output becomes {@link LogitCrossEntropyLoss} at load, keeps it through
     * a model file (DL4J's Jackson writes and reads it), and a saturated wrong output of such a
     * network still has its full gradient: output biases (100, 0, ...) and zero weights put
     * logit 0 at 100 whatever the input, on a sample of the last class.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XENT", "MCXENT", "NEGATIVELOGLIKELIHOOD"})
    void usersCrossEntropyBecomesTheLogitLossAndASaturatedMistakeStillHasAGradient(String lossName)
            throws IOException {
        LossFunctions.LossFunction loss = LossFunctions.LossFunction.valueOf(lossName);
        boolean binary = loss == LossFunctions.LossFunction.XENT;
        int nOut = binary ? 1 : 4;
        Path json = Files.writeString(dir.resolve(lossName + ".json"),
                userConf(binary ? Activation.SIGMOID : Activation.SOFTMAX, loss, nOut).toJson());
        ModelSpec spec = Dl4jModels.load(ModelSpec.parse("dl4j:" + json)).spec();
        MultiLayerNetwork net = Dl4jModels.network(spec);
        assertThat(((org.deeplearning4j.nn.layers.BaseOutputLayer<?>) net.getOutputLayer()).layerConf().getLossFn())
                .isInstanceOf(LogitCrossEntropyLoss.class);

        Path file = dir.resolve(lossName + ".zip");
        int numParams = (int) net.numParams();
        float[] params = new float[numParams];
        params[numParams - nOut] = 100;
        Dl4jModelFiles.write(spec, params, file);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        assertThat(((OutputLayer) restored.getLayerWiseConfigurations().getConf(1).getLayer()).getLossFn())
                .isInstanceOf(LogitCrossEntropyLoss.class);

        Batch batch = new Batch(1);
        batch.add(new float[] {1, -1, 2, 0, 1, 1, -2}, binary ? 0 : nOut - 1);
        float[] grad = new float[numParams];
        try (Dl4jExecutor exec = new Dl4jExecutor(ModelSpec.parse("dl4j:" + file))) {
            assertThat(exec.lossAndGradient(params, batch, grad)).isCloseTo(100, within(1e-3));
        }
        // dL/db = p - y: +1 on the saturated wrong unit, -1 on the label's (binary: one unit)
        assertThat(grad[numParams - nOut]).isCloseTo(1f, within(1e-6f));
        if (!binary) {
            assertThat(grad[numParams - 1]).isCloseTo(-1f, within(1e-6f));
        }
    }

    @Test
    void specBuiltClassifiersStoreTheLogitLossInTheirModelFiles() throws IOException {
        for (String text : List.of("mlp:6-5-3,act=tanh", "dln:6-2", "linear:6-2")) {
            ModelSpec spec = ModelSpec.parse(text);
            Path file = dir.resolve("logit-" + spec.kind() + ".zip");
            Dl4jModelFiles.write(spec, spec.initialParams(3), file);
            MultiLayerConfiguration conf = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false)
                    .getLayerWiseConfigurations();
            Object out = conf.getConf(conf.getConfs().size() - 1).getLayer();
            // dln ends in a LossLayer, which is not a BaseOutputLayer in DL4J's configuration classes
            assertThat(out instanceof org.deeplearning4j.nn.conf.layers.LossLayer ll ? ll.getLossFn()
                    : ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) out).getLossFn())
                    .isInstanceOf(LogitCrossEntropyLoss.class);
            assertThat(Dl4jModelFiles.read(file).spec().task()).isEqualTo(spec.task());
        }
    }

    @Test
    void usersClassWeightsAreRefusedNamingTheFile() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(new org.nd4j.linalg.lossfunctions.impl.LossMCXENT(
                        Nd4j.create(new float[] {1, 2, 1}))).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        Path json = Files.writeString(dir.resolve("weighted.json"), conf.toJson());
        assertThatThrownBy(() -> Dl4jModels.load(ModelSpec.parse("dl4j:" + json)))
                .hasMessageContaining("weighted.json").hasMessageContaining("class weights");
    }

    private static MultiLayerConfiguration userConf(Activation out, LossFunctions.LossFunction loss, int nOut) {
        return new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nIn(5).nOut(nOut).activation(out).build())
                .build();
    }
}

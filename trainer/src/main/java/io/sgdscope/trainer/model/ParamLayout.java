package io.sgdscope.trainer.model;

import java.util.List;

/**
 * Where each layer's parameters sit in the flat array, in DL4J's order: layer by layer, and
 * within a dense layer the weights W (nIn x nOut, column-major, so W[i][j] is at
 * {@code offset + i + j * nIn}) then the bias b (nOut). A diagonal linear layer holds u then v
 * (nIn each) and computes beta = u*u - v*v.
 */
public record ParamLayout(List<Layer> layers) {

    public enum LayerKind { DENSE, DIAGONAL_LINEAR }

    /**
     * @param activation for the last layer this is IDENTITY: the task's output function
     *                   (sigmoid, softmax, identity) is applied by the loss
     */
    public record Layer(LayerKind kind, int nIn, int nOut, Activation activation, boolean bias, int offset) {

        public int weightCount() {
            return kind == LayerKind.DENSE ? nIn * nOut : 2 * nIn;
        }

        public int biasOffset() {
            return offset + weightCount();
        }

        public int paramCount() {
            return weightCount() + (bias ? nOut : 0);
        }

        /** Flat index of W[i][j] (dense layers). */
        public int weightIndex(int i, int j) {
            return offset + i + j * nIn;
        }
    }

    public ParamLayout {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
    }

    public int numParams() {
        Layer last = layers.get(layers.size() - 1);
        return last.offset() + last.paramCount();
    }

    public Layer output() {
        return layers.get(layers.size() - 1);
    }

    public int inputs() {
        return layers.get(0).nIn();
    }
}

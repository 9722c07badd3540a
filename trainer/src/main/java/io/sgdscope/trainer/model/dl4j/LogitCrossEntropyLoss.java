package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.LogitLosses;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Cross-entropy computed from the output layer's pre-activations (the logits), the same function
 * as {@code FastExecutor}'s ({@link LogitLosses}): with a sigmoid output, per-unit binary
 * cross-entropy {@code max(z,0) - y z + log1p(exp(-|z|))}; with a softmax output,
 * {@code log-sum-exp(z) - z_y}. The gradient with respect to the logits is {@code p - y}, so a
 * saturated, confidently wrong output still gets the full gradient; DL4J's {@code LossBinaryXENT}
 * goes through the sigmoid's derivative {@code p(1 - p)}, which is exactly 0 once the output
 * rounds to 0 or 1, and training freezes.
 *
 * <p>Any other output activation is refused. Stateless; the no-arg constructor lets DL4J's Jackson
 * configuration (the {@code @class} property of {@link ILossFunction}) write and read it in a
 * model zip.
 */
public final class LogitCrossEntropyLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double[] perExample = scores(labels, preOutput, activationFn, mask);
        double sum = 0;
        for (double s : perExample) {
            sum += s;
        }
        return average ? sum / perExample.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] perExample = scores(labels, preOutput, activationFn, mask);
        return Nd4j.create(perExample, new long[] {perExample.length, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        boolean softmax = isSoftmax(activationFn);
        double[][] z = matrix(preOutput, "preOutput");
        double[][] y = matrix(labels, "labels");
        checkShapes(y, z);
        double[][] g = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            g[r] = new double[z[r].length];
            if (softmax) {
                LogitLosses.softmaxGradient(z[r], y[r], g[r]);
            } else {
                for (int k = 0; k < z[r].length; k++) {
                    g[r][k] = LogitLosses.sigmoid(z[r][k]) - y[r][k];
                }
            }
            applyMask(mask, r, g[r]);
        }
        return Nd4j.create(g).castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "LogitCrossEntropyLoss";
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogitCrossEntropyLoss;
    }

    @Override
    public int hashCode() {
        return LogitCrossEntropyLoss.class.hashCode();
    }

    /** The loss of each row (its units summed, times the mask). */
    private static double[] scores(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        boolean softmax = isSoftmax(activationFn);
        double[][] z = matrix(preOutput, "preOutput");
        double[][] y = matrix(labels, "labels");
        checkShapes(y, z);
        double[] out = new double[z.length];
        double[] unit = new double[z.length == 0 ? 0 : z[0].length];
        for (int r = 0; r < z.length; r++) {
            if (softmax) {
                double lse = LogitLosses.logSumExp(z[r]);
                for (int k = 0; k < z[r].length; k++) {
                    unit[k] = y[r][k] == 0 ? 0 : y[r][k] * (lse - z[r][k]);
                }
            } else {
                for (int k = 0; k < z[r].length; k++) {
                    unit[k] = LogitLosses.binaryCrossEntropy(z[r][k], y[r][k]);
                }
            }
            applyMask(mask, r, unit);
            double s = 0;
            for (double u : unit) {
                s += u;
            }
            out[r] = s;
        }
        return out;
    }

    private static boolean isSoftmax(IActivation activationFn) {
        if (activationFn instanceof ActivationSoftmax) {
            return true;
        }
        if (activationFn instanceof ActivationSigmoid) {
            return false;
        }
        throw new IllegalStateException("LogitCrossEntropyLoss needs a sigmoid or softmax output activation, got "
                + activationFn);
    }

    private static double[][] matrix(INDArray a, String what) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(what + " must be [examples, outputs], got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static void checkShapes(double[][] y, double[][] z) {
        if (y.length != z.length || (z.length > 0 && y[0].length != z[0].length)) {
            throw new IllegalArgumentException("labels [" + y.length + ", " + (y.length == 0 ? 0 : y[0].length)
                    + "] do not match preOutput [" + z.length + ", " + (z.length == 0 ? 0 : z[0].length) + "]");
        }
    }

    /** A mask is per example ([n, 1]) or per output ([n, k]). */
    private static void applyMask(INDArray mask, int row, double[] values) {
        if (mask == null) {
            return;
        }
        boolean perExample = mask.rank() == 1 || mask.size(1) == 1;
        for (int k = 0; k < values.length; k++) {
            double m = perExample ? mask.getDouble(row) : mask.getDouble(row, k);
            values[k] *= m;
        }
    }
}

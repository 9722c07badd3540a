package io.sgdscope.producers.source.gen;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.Seeds;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.SyntheticSource;
import io.sgdscope.producers.source.TeacherSource;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * {@code teacher-mlp}: x ~ N(0, I_d), y = argmax_c (V·relu(W·x) − b)_c for a random two-layer ReLU
 * teacher with W ~ N(0, 1/d), V ~ N(0, 1/h). The offsets b are the mean logits over 4,096 inputs
 * drawn from a separate split of the seed, so no class is starved by the ReLU's positive mean.
 * {@link #margin} is the gap between the two largest logits.
 *
 * <p>Parameters: {@code dimension}, {@code hidden} (h, default 32), {@code classes} (default 2),
 * {@code teacher-seed} (a new teacher).
 */
public final class TeacherMlpSource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "teacher-mlp";
    private static final int CALIBRATION_SAMPLES = 4096;

    private final float[][] w1;
    private final float[][] w2;
    private final double[] offset;
    private final Gaussian inputs;
    private final double[] hidden;
    private final double[] logits;

    public TeacherMlpSource(String stream, int dimension, int hiddenUnits, int classes, long seed, long inputSeed,
                            Long teacherSeed, LongSupplier clockMs) {
        super(SourceSchema.classification(stream, dimension, classes), clockMs);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom teacherRng = root.split();
        Gaussian t = new Gaussian(teacherSeed == null ? teacherRng : new SplittableRandom(teacherSeed));
        w1 = randomMatrix(t, hiddenUnits, dimension);
        w2 = randomMatrix(t, classes, hiddenUnits);
        hidden = new double[hiddenUnits];
        logits = new double[classes];
        offset = new double[classes];
        Gaussian calibration = new Gaussian(root.split());
        float[] x = new float[dimension];
        double[] sum = new double[classes];
        for (int n = 0; n < CALIBRATION_SAMPLES; n++) {
            for (int i = 0; i < dimension; i++) {
                x[i] = (float) calibration.next();
            }
            forward(x);
            for (int c = 0; c < classes; c++) {
                sum[c] += logits[c];
            }
        }
        for (int c = 0; c < classes; c++) {
            offset[c] = sum[c] / CALIBRATION_SAMPLES;
        }
        inputs = new Gaussian(Seeds.inputs(inputSeed));
    }

    private static float[][] randomMatrix(Gaussian g, int rows, int cols) {
        float[][] m = new float[rows][cols];
        double scale = 1 / Math.sqrt(cols);
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (g.next() * scale);
            }
        }
        return m;
    }

    private void forward(float[] x) {
        for (int h = 0; h < w1.length; h++) {
            hidden[h] = Math.max(0, dot(w1[h], x));
        }
        for (int c = 0; c < w2.length; c++) {
            double s = -offset[c];
            float[] row = w2[c];
            for (int h = 0; h < row.length; h++) {
                s += row[h] * hidden[h];
            }
            logits[c] = s;
        }
    }

    @Override
    protected Label draw(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) inputs.next();
        }
        return label(x);
    }

    @Override
    public Label label(float[] x) {
        forward(x);
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            if (logits[c] > logits[best]) {
                best = c;
            }
        }
        return Label.ofClass(best);
    }

    @Override
    public double margin(float[] x) {
        forward(x);
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            if (l > first) {
                second = first;
                first = l;
            } else if (l > second) {
                second = l;
            }
        }
        return first - second;
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            Long teacherSeed = p.settings().has("teacher-seed") ? p.settings().longValue("teacher-seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            return new TeacherMlpSource(p.stream(), p.dimension(), p.settings().intValue("hidden", 32, 1, 65536),
                    p.settings().intValue("classes", 2, 2, 1000), p.seed(), p.inputSeed(), teacherSeed, p.clockMs());
        }
    }
}

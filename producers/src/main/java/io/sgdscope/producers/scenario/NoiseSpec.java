package io.sgdscope.producers.scenario;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.TrackedView;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SourceSchema;
import io.sgdscope.producers.source.TeacherSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A phase's label noise as configured under {@code phases[i].noise}; {@link #build} checks it
 * against the source and makes the {@link LabelNoise}.
 */
public record NoiseSpec(String key, Type type, double rate, double[][] matrix, double band, double sigma,
                        int degreesOfFreedom, double scale, double magnitude) {

    /** The {@code noise.type} values. */
    public enum Type {
        NONE, SYMMETRIC, PAIR, MATRIX, MARGIN, GAUSSIAN, STUDENT_T, OUTLIERS;

        boolean forClassification() {
            return this == SYMMETRIC || this == PAIR || this == MATRIX || this == MARGIN;
        }

        String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final NoiseSpec NONE = new NoiseSpec("", Type.NONE, 0, null, 0, 0, 0, 0, 0);

    static NoiseSpec read(TrackedView c) {
        String key = c.section();
        Type type = c.enumValue("type", Type.class, null);
        if (type == null) {
            throw new ConfigException(c.key("type"), "is required: one of none, symmetric, pair, matrix, margin, "
                    + "gaussian, student-t, outliers");
        }
        double[][] matrix = null;
        if (type == Type.MATRIX) {
            List<double[]> rows = new ArrayList<>();
            for (int r = 0; c.hasUnder("matrix[" + r + "]"); r++) {
                rows.add(c.doubles("matrix[" + r + "]", 0, 1));
            }
            if (rows.isEmpty()) {
                throw c.problem("matrix", "noise type matrix needs matrix: a list of rows, row c = P(observed j | clean c)");
            }
            matrix = rows.toArray(new double[0][]);
        }
        boolean needsRate = type == Type.SYMMETRIC || type == Type.PAIR || type == Type.OUTLIERS;
        if (needsRate && !c.has("rate")) {
            throw new ConfigException(c.key("rate"), "is required for noise type " + type.configName());
        }
        if (type == Type.MARGIN && !c.has("band")) {
            throw new ConfigException(c.key("band"), "is required for noise type margin: flip points closer than this to the boundary");
        }
        return new NoiseSpec(key, type,
                c.doubleValue("rate", type == Type.MARGIN ? 1 : 0, 0, 1), matrix,
                c.doubleValue("band", 0, 0, 1e9),
                c.doubleValue("sigma", 1, 0, 1e9),
                c.intValue("df", 3, 1, 1000),
                c.doubleValue("scale", 1, 0, 1e9),
                c.doubleValue("magnitude", 10, 0, 1e12));
    }

    LabelNoise build(SampleSource source) {
        if (type == Type.NONE) {
            return LabelNoise.NONE;
        }
        SourceSchema schema = source.schema();
        if (type.forClassification() != schema.isClassification()) {
            throw new ConfigException(key + ".type", "noise type " + type.configName() + " is for "
                    + (type.forClassification() ? "classification" : "regression") + " but the source is a "
                    + schema.task().name().toLowerCase(Locale.ROOT) + " task");
        }
        int k = schema.classes();
        return switch (type) {
            case SYMMETRIC -> LabelNoise.Matrix.symmetric(k, rate);
            case PAIR -> LabelNoise.Matrix.pair(k, rate);
            case MATRIX -> matrix(k);
            case MARGIN -> {
                if (!(source instanceof TeacherSource)) {
                    throw new ConfigException(key + ".type", "margin noise needs a source with a teacher "
                            + "(teacher-linear, teacher-mlp, hyperplane, sea, sparse-parity)");
                }
                yield new LabelNoise.Margin(band, rate, k);
            }
            case GAUSSIAN -> new LabelNoise.GaussianTarget(sigma);
            case STUDENT_T -> new LabelNoise.StudentT(degreesOfFreedom, scale);
            case OUTLIERS -> new LabelNoise.Outliers(rate, magnitude);
            default -> throw new IllegalStateException("unhandled noise type " + type);
        };
    }

    private LabelNoise matrix(int k) {
        if (matrix.length != k) {
            throw new ConfigException(key + ".matrix", "needs " + k + " rows (one per class), got " + matrix.length);
        }
        for (int r = 0; r < k; r++) {
            if (matrix[r].length != k) {
                throw new ConfigException(key + ".matrix[" + r + "]", "needs " + k + " entries, got " + matrix[r].length);
            }
            double s = 0;
            for (double v : matrix[r]) {
                s += v;
            }
            if (Math.abs(s - 1) > 1e-6) {
                throw new ConfigException(key + ".matrix[" + r + "]", "must sum to 1, got " + s);
            }
        }
        return new LabelNoise.Matrix(matrix);
    }
}

package io.sgdscope.producers.scenario;

import io.sgdscope.common.Label;
import io.sgdscope.producers.source.Gaussian;
import io.sgdscope.producers.source.TeacherSource;
import java.util.Arrays;

/**
 * Turns a clean label into the observed one. Implementations return the clean instance itself when
 * they leave it alone, so {@code observed != clean} marks a noisy record. The caller passes the
 * phase's random stream, so noise is deterministic for the scenario's seed.
 */
public interface LabelNoise {

    Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng);

    /** No noise. */
    LabelNoise NONE = new LabelNoise() {
        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            return clean;
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /**
     * Class-conditional flips: row c of {@code matrix} is P(observed = j | clean = c). Symmetric
     * flips at rate p and pair flips (c → c+1 mod k) are special cases.
     */
    final class Matrix implements LabelNoise {
        private final double[][] matrix;
        private final double[][] cumulative;

        public Matrix(double[][] matrix) {
            this.matrix = new double[matrix.length][];
            this.cumulative = new double[matrix.length][];
            for (int c = 0; c < matrix.length; c++) {
                this.matrix[c] = matrix[c].clone();
                double s = 0;
                cumulative[c] = new double[matrix[c].length];
                for (int j = 0; j < matrix[c].length; j++) {
                    s += matrix[c][j];
                    cumulative[c][j] = s;
                }
                cumulative[c][matrix[c].length - 1] = 1;
            }
        }

        /** Flip to a uniformly drawn other class with probability {@code rate}. */
        public static Matrix symmetric(int classes, double rate) {
            double[][] m = new double[classes][classes];
            for (int c = 0; c < classes; c++) {
                Arrays.fill(m[c], rate / (classes - 1));
                m[c][c] = 1 - rate;
            }
            return new Matrix(m);
        }

        /** Flip class c to c+1 (mod k) with probability {@code rate}. */
        public static Matrix pair(int classes, double rate) {
            double[][] m = new double[classes][classes];
            for (int c = 0; c < classes; c++) {
                m[c][c] = 1 - rate;
                m[c][(c + 1) % classes] += rate;
            }
            return new Matrix(m);
        }

        /** A copy of the transition matrix. */
        public double[][] matrix() {
            double[][] copy = new double[matrix.length][];
            for (int c = 0; c < matrix.length; c++) {
                copy[c] = matrix[c].clone();
            }
            return copy;
        }

        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            int c = ((Label.ClassIndex) clean).index();
            double u = rng.rng().nextDouble();
            double[] row = cumulative[c];
            int j = 0;
            while (j < row.length - 1 && u >= row[j]) {
                j++;
            }
            return j == c ? clean : Label.ofClass(j);
        }

        @Override
        public String toString() {
            return "matrix" + Arrays.deepToString(matrix);
        }
    }

    /**
     * Flips, with probability {@code rate}, the points closer than {@code band} to the teacher's
     * boundary: binary labels flip, k-class labels move to a uniformly drawn other class.
     */
    record Margin(double band, double rate, int classes) implements LabelNoise {
        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            if (teacher.margin(x) >= band || rng.rng().nextDouble() >= rate) {
                return clean;
            }
            int c = ((Label.ClassIndex) clean).index();
            int other = classes == 2 ? 1 - c : (c + 1 + rng.rng().nextInt(classes - 1)) % classes;
            return Label.ofClass(other);
        }
    }

    /** y + σ·N(0, 1). */
    record GaussianTarget(double sigma) implements LabelNoise {
        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            return sigma == 0 ? clean : Label.ofTarget(clean.asDouble() + sigma * rng.next());
        }
    }

    /** y + scale·t_ν: heavy-tailed target noise, Student's t with ν degrees of freedom. */
    record StudentT(int degreesOfFreedom, double scale) implements LabelNoise {
        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            double chi2 = 0;
            for (int i = 0; i < degreesOfFreedom; i++) {
                double z = rng.next();
                chi2 += z * z;
            }
            return Label.ofTarget(clean.asDouble() + scale * rng.next() / Math.sqrt(chi2 / degreesOfFreedom));
        }
    }

    /** With probability {@code rate}, y ± magnitude (random sign): gross outliers. */
    record Outliers(double rate, double magnitude) implements LabelNoise {
        @Override
        public Label apply(Label clean, float[] x, TeacherSource teacher, Gaussian rng) {
            if (rng.rng().nextDouble() >= rate) {
                return clean;
            }
            return Label.ofTarget(clean.asDouble() + (rng.rng().nextBoolean() ? magnitude : -magnitude));
        }
    }
}

package io.sgdscope.producers.source;

import io.sgdscope.common.Label;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * {@code teacher-linear}: x ~ N(0, I_d), y = 1[⟨w*, x⟩ > 0] for a random unit teacher w*. With a
 * margin γ > 0, inputs closer than γ to the hyperplane are redrawn, so the data are separable with
 * margin γ. The teacher and the inputs draw from separate splits of the seed, so changing how many
 * samples are drawn never changes the teacher.
 *
 * <p>Parameters: {@code dimension}, {@code margin} (γ, default 0), {@code teacher-seed} (draw the
 * teacher from this seed instead: a new teacher), {@code rotation} (degrees: turn the teacher by
 * exactly this angle towards a random orthogonal direction).
 */
public final class LinearTeacherSource extends SyntheticSource implements TeacherSource {

    public static final String NAME = "teacher-linear";

    private final float[] teacher;
    private final double margin;
    private final Gaussian inputs;

    public LinearTeacherSource(String stream, int dimension, long seed, LongSupplier clockMs) {
        this(stream, dimension, seed, seed, clockMs, 0, null, 0);
    }

    /** {@code seed} draws the teacher, {@code inputSeed} the inputs. */
    public LinearTeacherSource(String stream, int dimension, long seed, long inputSeed, LongSupplier clockMs,
                               double margin, Long teacherSeed, double rotationDegrees) {
        this(SourceSchema.classification(stream, dimension, 2), clockMs, margin,
                teacher(new SplittableRandom(seed).split(), teacherSeed, dimension, rotationDegrees),
                Seeds.inputs(inputSeed));
    }

    private LinearTeacherSource(SourceSchema schema, LongSupplier clockMs, double margin, float[] teacher,
                                SplittableRandom inputs) {
        super(schema.withTeacher(teacher), clockMs);
        if (!(margin >= 0) || margin > 5) {
            throw new IllegalArgumentException("margin must be in [0, 5], got " + margin);
        }
        this.teacher = teacher;
        this.margin = margin;
        this.inputs = new Gaussian(inputs);
    }

    private static float[] teacher(SplittableRandom split, Long teacherSeed, int d, double rotationDegrees) {
        Gaussian g = new Gaussian(teacherSeed == null ? split : new SplittableRandom(teacherSeed));
        float[] w = g.unitVector(d);
        if (rotationDegrees != 0) {
            if (d < 2) {
                throw new IllegalArgumentException("rotation needs dimension >= 2");
            }
            w = rotate(w, g.unitVector(d), Math.toRadians(rotationDegrees));
        }
        return w;
    }

    /** w turned by {@code angle} towards the part of {@code u} orthogonal to w; w is a unit vector. */
    static float[] rotate(float[] w, float[] u, double angle) {
        double wu = dot(w, u);
        double[] v = new double[w.length];
        double norm = 0;
        for (int i = 0; i < w.length; i++) {
            v[i] = u[i] - wu * w[i];
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) (Math.cos(angle) * w[i] + Math.sin(angle) * v[i] / norm);
        }
        return out;
    }

    /** A copy of the teacher direction, for scoring what the model learns. */
    public float[] teacher() {
        return teacher.clone();
    }

    @Override
    protected Label draw(float[] x) {
        double dot;
        do {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) inputs.next();
            }
            dot = dot(x, teacher);
        } while (Math.abs(dot) < margin);
        return Label.ofClass(dot > 0 ? 1 : 0);
    }

    @Override
    public Label label(float[] x) {
        return Label.ofClass(dot(x, teacher) > 0 ? 1 : 0);
    }

    @Override
    public double margin(float[] x) {
        return Math.abs(dot(x, teacher));
    }

    /** Registered for {@code source.type: teacher-linear}. */
    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SampleSource create(SourceContext p) {
            Long teacherSeed = p.settings().has("teacher-seed") ? p.settings().longValue("teacher-seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            return new LinearTeacherSource(p.stream(), p.dimension(), p.seed(), p.inputSeed(), p.clockMs(),
                    p.settings().doubleValue("margin", 0, 0, 5), teacherSeed, p.settings().doubleValue("rotation", 0, -360, 360));
        }
    }
}

package io.sgdscope.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.model.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What every optimizer promises. Subclasses only say how to build one. */
abstract class OptimizerContract {

    static final int DIM = 5;
    static final double LR = 0.05;

    /** A fresh optimizer with non-default settings, seeded where it draws random numbers. */
    abstract Optimizer create();

    /** 1/2 mean over rows of sum_i a_i (w_i - x_i - y)^2: uses the data and the targets. */
    static final Objective QUADRATIC = (w, batch, grad) -> {
        Arrays.fill(grad, 0);
        double loss = 0;
        for (int r = 0; r < batch.size(); r++) {
            float[] x = batch.features(r);
            for (int i = 0; i < w.length; i++) {
                double a = i + 1;
                double d = w[i] - x[i] - batch.target(r);
                loss += 0.5 * a * d * d;
                grad[i] += (float) (a * d / batch.size());
            }
        }
        return loss / batch.size();
    };

    static Batch batch(int step) {
        Batch b = new Batch(4);
        for (int r = 0; r < 4; r++) {
            float[] x = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                x[i] = (float) Math.sin(step * 7 + r * 3 + i);
            }
            b.add(x, r % 2);
        }
        return b;
    }

    static float[] start() {
        float[] w = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            w[i] = 1f - 0.3f * i;
        }
        return w;
    }

    static float[] run(Optimizer opt, float[] w, int from, int steps) {
        for (int t = from; t < from + steps; t++) {
            opt.step(w, QUADRATIC, batch(t), LR);
        }
        return w;
    }

    static float[] fresh(Optimizer opt, int steps) {
        opt.initialise(DIM);
        return run(opt, start(), 0, steps);
    }

    @Test
    void equalSettingsGiveIdenticalRuns() {
        assertThat(fresh(create(), 50)).containsExactly(fresh(create(), 50));
    }

    @Test
    void trainingLowersTheLoss() {
        float[] w = fresh(create(), 200);
        Batch b = batch(999);
        float[] g = new float[DIM];
        assertThat(QUADRATIC.lossAndGradient(w, b, g)).isLessThan(QUADRATIC.lossAndGradient(start(), b, g));
    }

    @Test
    void copyKeepsEverySettingAndStartsFresh() {
        Optimizer used = create();
        fresh(used, 30);
        Optimizer copy = used.copy();
        assertThat(copy.settings()).isEqualTo(used.settings());
        assertThat(fresh(copy, 40)).containsExactly(fresh(create(), 40));
    }

    @Test
    void resetEqualsAFreshInstance() {
        Optimizer opt = create();
        fresh(opt, 30);
        opt.reset();
        float[] afterReset = run(opt, start(), 0, 40);
        assertThat(afterReset).containsExactly(fresh(create(), 40));
    }

    @Test
    void savedStateResumesBitIdentically() throws IOException {
        Optimizer first = create();
        float[] w = fresh(first, 25);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.writeState(new DataOutputStream(bytes));
        float[] uninterrupted = run(first, w.clone(), 25, 25);

        Optimizer restored = create();
        restored.initialise(DIM);
        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(run(restored, w.clone(), 25, 25)).containsExactly(uninterrupted);
    }

    @Test
    void stepDoesNotMutateTheBatch() {
        Optimizer opt = create();
        opt.initialise(DIM);
        Batch b = batch(3);
        float[][] xs = new float[b.size()][];
        double[] ys = new double[b.size()];
        for (int r = 0; r < b.size(); r++) {
            xs[r] = b.features(r).clone();
            ys[r] = b.target(r);
        }
        for (int i = 0; i < 10; i++) {
            opt.step(start(), QUADRATIC, b, LR);
        }
        for (int r = 0; r < b.size(); r++) {
            assertThat(b.features(r)).containsExactly(xs[r]);
            assertThat(b.target(r)).isEqualTo(ys[r]);
        }
    }

    @Test
    void aNonFiniteLossLeavesParametersUntouched() {
        Optimizer opt = create();
        opt.initialise(DIM);
        float[] w = start();
        Objective exploding = (p, b, g) -> {
            Arrays.fill(g, Float.NaN);
            return Double.POSITIVE_INFINITY;
        };
        double loss = opt.step(w, exploding, batch(0), LR);
        assertThat(Double.isFinite(loss)).isFalse();
        assertThat(w).containsExactly(start());
    }
}

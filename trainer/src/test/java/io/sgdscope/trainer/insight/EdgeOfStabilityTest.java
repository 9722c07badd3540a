package io.sgdscope.trainer.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.OnlineModel;
import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour 3 of issue 6, exploratory (the data will move onto a scenario source): full-batch
 * gradient descent (batch = the whole fixed dataset, so every {@link OnlineModel} step is a GD
 * step on the same data) at step size η drives the sharpness up from well below 2/η until it
 * reaches 2/η and stays there (progressive sharpening, then the edge of stability; Cohen et al.
 * 2021), and a step size far above 2/λmax of the initial model trips the divergence guard.
 *
 * <p>Model: {@value #SPEC} (MSE) from a small initialisation, whose sharpness starts near 2.2 and
 * would grow several-fold under gradient flow; data: {@value #ROWS} rows from a seeded random
 * tanh teacher. η = {@value #ETA} puts 2/η = 5 between the two.
 */
class EdgeOfStabilityTest {

    static final String SPEC = "mlp:8-32-32-1,act=tanh,init=0.3";
    static final int ROWS = 512;
    static final double ETA = 0.4;
    static final int STEPS = 800;
    static final int EVERY = 20;
    /** Settled means over the last steps after SETTLE_FROM. */
    static final int SETTLE_FROM = 500;
    /** Above the noise floor of float finite-difference products (~1e-5), see HessianPowerIteration. */
    static final double TOLERANCE = 1e-4;
    static final int MAX_ITERATIONS = 300;

    @ParameterizedTest
    @ValueSource(longs = {1, 5})
    void fullBatchGradientDescentSharpensToTwoOverEtaAndSettlesThere(long seed) {
        ModelSpec spec = ModelSpec.parse(SPEC);
        List<Sample> data = teacherDataset(ROWS, spec.inputs(), seed);
        Batch window = batchOf(data);
        float[] init = spec.initialParams(seed + 2);
        HessianPowerIteration sharpness = new HessianPowerIteration(new FastExecutor(spec), init.length, seed + 3);
        double edge = 2 / ETA;
        HessianPowerIteration.Estimate start = sharpness.estimate(init, window, MAX_ITERATIONS, TOLERANCE);

        OnlineModel model = fullBatchModel(spec, init, ETA);
        List<String> curve = new ArrayList<>();
        double highest = start.sharpness();
        double settledMax = Double.NEGATIVE_INFINITY;
        double settledMin = Double.POSITIVE_INFINITY;
        for (int t = 1; t <= STEPS; t++) {
            data.forEach(model::learn);
            if (t % EVERY == 0) {
                // a snapshot, as the metrics thread would take; its own executor, never the model's
                HessianPowerIteration.Estimate e = sharpness.estimate(model.paramsView().clone(), window,
                        MAX_ITERATIONS, TOLERANCE);
                curve.add(String.format("t=%d: %.3f (%.2f of 2/eta), loss %.4f", t, e.sharpness(),
                        e.sharpness() / edge, e.loss()));
                highest = Math.max(highest, e.sharpness());
                if (t > SETTLE_FROM) {
                    settledMax = Math.max(settledMax, e.sharpness());
                    settledMin = Math.min(settledMin, e.sharpness());
                }
            }
        }
        String seen = "lambda0 " + start.sharpness() + ", curve " + curve;
        assertThat(model.steps()).isEqualTo(STEPS);
        assertThat(model.divergences()).as(seen).isZero();
        // progressive sharpening: from under half of 2/eta up to it
        assertThat(start.sharpness()).as(seen).isLessThan(0.5 * edge);
        assertThat(highest).as(seen).isGreaterThan(0.95 * edge);
        // the edge of stability: it settles at 2/eta, not above (1 + 10%) and not back down
        assertThat(settledMax).as(seen).isLessThanOrEqualTo(1.1 * edge);
        assertThat(settledMin).as(seen).isGreaterThan(0.85 * edge);
        assertThat(model.lastLoss()).as(seen).isLessThan(0.25 * start.loss());
    }

    @Test
    void aStepSizeOfFourOverTheInitialSharpnessTripsTheDivergenceGuard() {
        ModelSpec spec = ModelSpec.parse(SPEC);
        List<Sample> data = teacherDataset(ROWS, spec.inputs(), 1);
        Batch window = batchOf(data);
        float[] init = spec.initialParams(3);
        HessianPowerIteration sharpness = new HessianPowerIteration(new FastExecutor(spec), init.length, 4);
        HessianPowerIteration.Estimate start = sharpness.estimate(init, window, MAX_ITERATIONS, TOLERANCE);
        double eta = 4 / start.sharpness();

        OnlineModel model = fullBatchModel(spec, init, eta);
        for (int t = 0; t < 400; t++) {
            data.forEach(model::learn);
        }
        assertThat(model.divergences()).isPositive();
        for (float p : model.paramsView()) {
            assertThat(p).isFinite();
        }
        // the guard cut the rate; training then lives at the edge of stability of the rate it runs at
        double rate = model.lastLearningRate();
        assertThat(rate).isLessThan(eta);
        HessianPowerIteration.Estimate end = sharpness.estimate(model.paramsView().clone(), window, MAX_ITERATIONS,
                TOLERANCE);
        assertThat(end.sharpness()).isLessThanOrEqualTo(1.1 * 2 / rate);
        assertThat(end.loss()).isLessThan(0.5 * start.loss());
    }

    static OnlineModel fullBatchModel(ModelSpec spec, float[] init, double eta) {
        OptimizerSettings sgd = new OptimizerSettings(OptimizerSettings.Kind.SGD, eta, 0.9, 0, 0.05, 0, 0.1,
                LearningRateSchedule.Kind.CONSTANT, 1, 0.1, 0);
        return new OnlineModel("gd", spec, new FastExecutor(spec), init, sgd.create(spec.task(), 0),
                sgd.newSchedule(), new DivergenceGuard(0.5, 100), ROWS);
    }

    /**
     * {@code n} rows of N(0, I) features labelled by a random teacher y = Σ a_j tanh(2 w_j·x)/√16,
     * w_j ~ N(0, I/d), a_j ~ N(0, 1); no label noise.
     */
    static List<Sample> teacherDataset(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int hidden = 16;
        double[][] w = new double[hidden][d];
        double[] a = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            for (int i = 0; i < d; i++) {
                w[j][i] = rng.nextGaussian() / Math.sqrt(d);
            }
            a[j] = rng.nextGaussian();
        }
        List<Sample> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            float[] x = new float[d];
            for (int i = 0; i < d; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            double y = 0;
            for (int j = 0; j < hidden; j++) {
                double z = 0;
                for (int i = 0; i < d; i++) {
                    z += w[j][i] * x[i];
                }
                y += a[j] * Math.tanh(2 * z);
            }
            rows.add(new Sample("s" + r, "teacher", r, x, Label.ofTarget(y / Math.sqrt(hidden)), null));
        }
        return rows;
    }

    static Batch batchOf(List<Sample> data) {
        Batch b = new Batch(data.size());
        for (Sample s : data) {
            b.add(s.features(), s.label().asDouble());
        }
        return b;
    }
}

package io.sgdscope.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.SgdOptimizer;
import io.sgdscope.trainer.optim.Vectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A wide ReLU MLP replayed over a few hundred samples of the label-noise scenario's noisy phase
 * (a linear teacher, 20% symmetric flips) must end up memorising them, flipped labels included:
 * a network this wide can fit any labelling, and a cross-entropy gradient that vanished on
 * saturated mistakes froze such a run with the flipped samples still wrong (issue "Core pass").
 * Trains through the real path: PrequentialEvaluator's predict, score, learn on an OnlineModel.
 * With DL4J's LossBinaryXENT gradient this run stalled from step ~12,000 at 90% train accuracy
 * and 56% of the flipped rows memorised, its parameter norm moving in the fifth digit.
 */
class MemorisationTest {

    static final int DIM = 32;
    static final int ROWS = 400;
    static final double FLIP_RATE = 0.2;
    static final int EPOCHS = 50;
    static final double LR = 0.05;

    @Test
    void aWideMlpReplayedOverANoisySetMemorisesItsFlippedLabels() {
        Sample[] set = noisySet(ROWS, DIM, FLIP_RATE, 11);
        int flipped = 0;
        for (Sample s : set) {
            flipped += isFlipped(s) ? 1 : 0;
        }
        assertThat(flipped).isBetween(ROWS / 10, ROWS / 3);
        ModelSpec spec = ModelSpec.parse("mlp:" + DIM + "-512-2,act=relu");
        try (OnlineModel model = new OnlineModel("wide", spec, new FastExecutor(spec), spec.initialParams(5),
                SgdOptimizer.plain(), LearningRateSchedule.of(LearningRateSchedule.Kind.CONSTANT, LR, 1, 1, 0),
                new DivergenceGuard(0.5, 1000), 1)) {
            PrequentialEvaluator eval = new PrequentialEvaluator(model, 500, 0.99);
            SplittableRandom order = new SplittableRandom(12);
            int[] perm = identity(ROWS);
            Fit fit = null;
            System.out.println("memorisation of " + ROWS + " rows (" + flipped + " flipped) by " + spec + ", sgd lr "
                    + LR);
            System.out.println("  step  train-acc  memorised  param-norm  window-loss");
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                shuffle(perm, order);
                for (int i : perm) {
                    eval.step(set[i]);
                }
                if (epoch % 5 == 0 || epoch == 1) {
                    fit = fit(model, set);
                    double norm = Vectors.norm(model.paramsView());
                    System.out.printf("  %6d  %8.3f  %9.3f  %10.4f  %11.4f%n", model.steps(), fit.trainAccuracy(),
                            fit.memorisation(), norm, eval.snapshot().slidingLoss());
                }
            }
            assertThat(fit.memorisation()).isGreaterThan(0.95);
            assertThat(fit.trainAccuracy()).isGreaterThan(0.97);
            assertThat(model.divergences()).isZero();
        }
    }

    /** Accuracy on the noisy labels over the whole set, and over its flipped rows only (memorisation). */
    record Fit(double trainAccuracy, double memorisation) {
    }

    static Fit fit(OnlineModel model, Sample[] set) {
        int right = 0;
        int flipped = 0;
        int memorised = 0;
        for (Sample s : set) {
            boolean ok = model.predict(s).predictedClass() == ((Label.ClassIndex) s.label()).index();
            right += ok ? 1 : 0;
            if (isFlipped(s)) {
                flipped++;
                memorised += ok ? 1 : 0;
            }
        }
        return new Fit((double) right / set.length, flipped == 0 ? Double.NaN : (double) memorised / flipped);
    }

    static boolean isFlipped(Sample s) {
        return s.truth().noisy();
    }

    /** A linear teacher's labels, each flipped with probability {@code rate}; the clean label is the truth. */
    static Sample[] noisySet(int n, int dim, double rate, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] teacher = new double[dim];
        for (int i = 0; i < dim; i++) {
            teacher[i] = rng.nextGaussian();
        }
        Sample[] set = new Sample[n];
        for (int r = 0; r < n; r++) {
            float[] x = new float[dim];
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                x[i] = (float) rng.nextGaussian();
                dot += teacher[i] * x[i];
            }
            int clean = dot > 0 ? 1 : 0;
            int noisy = rng.nextDouble() < rate ? 1 - clean : clean;
            set[r] = new Sample("n" + r, "label-noise", r, x, Label.ofClass(noisy),
                    new GroundTruth(Label.ofClass(clean), noisy != clean, 1));
        }
        return set;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PrequentialEvaluatorTest {

    /** Predicts class 1 with a fixed probability, logs the call order, and steps on every third sample learned. */
    static final class ScriptedLearner implements OnlineLearner {
        final List<String> calls = new ArrayList<>();
        int learned;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Prediction predict(Sample s) {
            calls.add("predict " + s.id());
            return Prediction.ofProbabilities(0.2, 0.8);
        }

        @Override
        public LearnOutcome learn(Sample s) {
            calls.add("learn " + s.id());
            learned++;
            return learned % 3 == 0 ? LearnOutcome.stepped(0.1 * learned) : LearnOutcome.BUFFERED;
        }
    }

    private static Sample sample(String id, int y) {
        return new Sample(id, "s", 0, new float[] {0}, Label.ofClass(y), null);
    }

    @Test
    void predictsBeforeItLearnsAndScoresEachSampleOnce() {
        ScriptedLearner learner = new ScriptedLearner();
        PrequentialEvaluator eval = new PrequentialEvaluator(learner, 2, 0.9);
        int[] labels = {1, 0, 1, 1, 0};
        for (int i = 0; i < labels.length; i++) {
            eval.step(sample("s" + i, labels[i]));
        }
        assertThat(learner.calls).startsWith("predict s0", "learn s0", "predict s1", "learn s1");
        PrequentialSnapshot snap = eval.snapshot();
        assertThat(snap.samples()).isEqualTo(5);
        assertThat(snap.accuracy()).isCloseTo(0.6, Offset.offset(1e-12));
        assertThat(snap.slidingAccuracy()).isCloseTo(0.5, Offset.offset(1e-12));
        double expectedLoss = (3 * -Math.log(0.8) + 2 * -Math.log(0.2)) / 5;
        assertThat(snap.loss()).isCloseTo(expectedLoss, Offset.offset(1e-12));
    }

    @Test
    void eachStepReturnsItsPredictionScoreAndWhetherTheLearnerStepped() {
        PrequentialEvaluator eval = new PrequentialEvaluator(new ScriptedLearner(), 5, 0.9);
        int[] labels = {1, 0, 1, 1, 0};
        List<PrequentialOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            outcomes.add(eval.step(sample("s" + i, labels[i])));
        }
        // the model always says class 1 with p = 0.8: right on 3 of the 5
        assertThat(outcomes).extracting(PrequentialOutcome::error).containsExactly(0.0, 1.0, 0.0, 0.0, 1.0);
        assertThat(outcomes).extracting(o -> o.prediction().predictedClass()).containsOnly(1);
        assertThat(outcomes.get(0).loss()).isCloseTo(-Math.log(0.8), Offset.offset(1e-12));
        assertThat(outcomes.get(1).loss()).isCloseTo(-Math.log(0.2), Offset.offset(1e-12));
        double right = outcomes.stream().mapToDouble(o -> 1 - o.error()).sum();
        assertThat(right / labels.length).isCloseTo(0.6, Offset.offset(1e-12));
        assertThat(eval.snapshot().accuracy()).isCloseTo(0.6, Offset.offset(1e-12));
        // a batch of three: only the third sample's learning took a step, with the step's own loss
        assertThat(outcomes).extracting(PrequentialOutcome::stepped).containsExactly(false, false, true, false, false);
        assertThat(outcomes.get(2).stepLoss()).isCloseTo(0.3, Offset.offset(1e-12));
        assertThat(outcomes.get(0).stepLoss()).isNaN();
    }

    @Test
    void aClassTheModelLacksIsRejectedBeforeAnythingChanges() {
        ScriptedLearner learner = new ScriptedLearner();
        PrequentialEvaluator eval = new PrequentialEvaluator(learner, 2, 0.9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval.step(sample("bad", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 3, outside the model's 2 classes");
        assertThat(learner.calls).containsExactly("predict bad");
        assertThat(eval.snapshot().samples()).isZero();
    }

    @Test
    void cleanLabelsAreScoredSeparatelyWhereTheStreamCarriesThem() {
        PrequentialEvaluator eval = new PrequentialEvaluator(new ScriptedLearner(), 10, 0.9);
        // the model always says class 1; two of the four labels were flipped from a clean 1
        eval.step(new Sample("a", "s", 0, new float[] {0}, Label.ofClass(0),
                new io.sgdscope.common.GroundTruth(Label.ofClass(1), true, 0)));
        eval.step(new Sample("b", "s", 0, new float[] {0}, Label.ofClass(0),
                new io.sgdscope.common.GroundTruth(Label.ofClass(1), true, 0)));
        eval.step(new Sample("c", "s", 0, new float[] {0}, Label.ofClass(1),
                new io.sgdscope.common.GroundTruth(Label.ofClass(1), false, 0)));
        eval.step(new Sample("d", "s", 0, new float[] {0}, Label.ofClass(0),
                new io.sgdscope.common.GroundTruth(Label.ofClass(0), false, 0)));
        assertThat(eval.snapshot().accuracy()).isCloseTo(0.25, Offset.offset(1e-12));
        assertThat(eval.snapshot().slidingCleanAccuracy()).isCloseTo(0.75, Offset.offset(1e-12));
    }

    @Test
    void regressionIsScoredBySquaredErrorWithoutAccuracy() {
        OnlineLearner constant = new OnlineLearner() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public Prediction predict(Sample s) {
                return Prediction.ofValue(1.5);
            }

            @Override
            public LearnOutcome learn(Sample s) {
                return LearnOutcome.BUFFERED;
            }
        };
        PrequentialEvaluator eval = new PrequentialEvaluator(constant, 10, 0.9);
        eval.step(new Sample("a", "s", 0, new float[] {0}, Label.ofTarget(0.5), null));
        eval.step(new Sample("b", "s", 0, new float[] {0}, Label.ofTarget(3.5), null));
        assertThat(eval.snapshot().loss()).isCloseTo((1 + 4) / 2.0, Offset.offset(1e-12));
        assertThat(eval.snapshot().accuracy()).isNaN();
        assertThat(eval.snapshot().samples()).isEqualTo(2);
    }
}

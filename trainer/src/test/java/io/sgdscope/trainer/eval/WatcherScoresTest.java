package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The per-sample watchers beside the evaluator: clean/noisy split scores and the loss-spike detector. */
class WatcherScoresTest {

    private static Sample sample(int label, Integer cleanLabel) {
        GroundTruth truth = cleanLabel == null ? null
                : new GroundTruth(Label.ofClass(cleanLabel), cleanLabel != label, 0);
        return new Sample("s", "s", 0, new float[] {0}, Label.ofClass(label), truth);
    }

    /** An evaluator's outcome with this prediction and loss; the scores read nothing else. */
    private static PrequentialOutcome scored(Prediction p, double loss) {
        return new PrequentialOutcome(p, loss, Double.NaN, LearnOutcome.BUFFERED);
    }

    @Test
    void splitsAccuracyLossAndMarginByWhetherNoiseChangedTheLabel() {
        LabelNoiseScores scores = new LabelNoiseScores(10);
        Prediction says1 = Prediction.ofProbabilities(0.2, 0.8);
        scores.update(sample(1, 1), scored(says1, 0.22));      // clean, right
        scores.update(sample(0, 0), scored(says1, 1.61));      // clean, wrong
        scores.update(sample(0, 1), scored(says1, 1.61));      // noisy (clean 1, observed 0): the model keeps the clean class
        scores.update(sample(1, null), scored(says1, 99));     // no ground truth: not counted
        LabelNoiseScores.Snapshot s = scores.snapshot();
        assertThat(s.cleanAccuracy()).isEqualTo(0.5);
        assertThat(s.noisyAccuracy()).isEqualTo(0.0);
        assertThat(s.cleanLoss()).isCloseTo((0.22 + 1.61) / 2, Offset.offset(1e-12));
        assertThat(s.noisyLoss()).isCloseTo(1.61, Offset.offset(1e-12));
        double m = Math.log(0.8 / 0.2);
        assertThat(s.cleanMargin()).isCloseTo(0, Offset.offset(1e-12)); // +m and -m
        assertThat(s.noisyMargin()).isCloseTo(-m, Offset.offset(1e-12));
        assertThat(s.noisySeen()).isEqualTo(1);
    }

    @Test
    void splitScoresSurviveAStateRoundTrip() throws IOException {
        LabelNoiseScores a = new LabelNoiseScores(4);
        for (int i = 0; i < 7; i++) {
            a.update(sample(i % 2, (i % 3 == 0) ? 1 - i % 2 : i % 2), scored(Prediction.ofProbabilities(0.3, 0.7), 0.1 * i));
        }
        LabelNoiseScores b = new LabelNoiseScores(4);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes(a))));
        assertThat(b.snapshot()).isEqualTo(a.snapshot());
    }

    private static byte[] bytes(LabelNoiseScores s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeState(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void ewmaFollowsItsRecurrenceAndSpikesCountOnlyAfterWarmup() {
        LossSpikeDetector d = new LossSpikeDetector(0.25, 3);   // warm-up: 4 steps
        assertThat(d.observe(1)).isFalse();
        assertThat(d.ewma()).isEqualTo(1);
        assertThat(d.observe(10)).isFalse();                    // would be a spike, but still warming up
        assertThat(d.ewma()).isEqualTo(1 + 0.25 * 9);
        d.observe(1);
        d.observe(1);
        double before = d.ewma();
        assertThat(d.observe(3 * before - 1e-9)).isFalse();
        double next = d.ewma();
        assertThat(d.observe(3 * next + 1e-6)).isTrue();
        assertThat(d.spikes()).isEqualTo(1);
        assertThat(d.observe(Double.NaN)).isFalse();
        assertThat(d.ewma()).isFinite();
    }

    @Test
    void theSpikeDetectorSeesOnlyTheLossOfStepsTaken() {
        LossSpikeDetector d = new LossSpikeDetector(0.5, 3);
        Prediction p = Prediction.ofProbabilities(0.5, 0.5);
        // a sample that was only buffered carries its prequential loss, not a step's: nothing to observe
        assertThat(d.observe(new PrequentialOutcome(p, 5, 1, LearnOutcome.BUFFERED))).isFalse();
        assertThat(d.ewma()).isNaN();
        d.observe(new PrequentialOutcome(p, 5, 1, LearnOutcome.stepped(2)));
        assertThat(d.ewma()).isEqualTo(2);
        // a diverged step's loss is the divergence guard's business
        d.observe(new PrequentialOutcome(p, 5, 1, LearnOutcome.stepped(Double.POSITIVE_INFINITY)));
        assertThat(d.ewma()).isEqualTo(2);
    }

    @Test
    void predictionMarginIsTheLogitMarginForSoftmaxAndSigmoid() {
        // softmax of logits (2, 0, -1): the margin of class 0 is 2 - 0
        double[] z = {2, 0, -1};
        double sum = Math.exp(2) + 1 + Math.exp(-1);
        Prediction p = Prediction.ofProbabilities(Math.exp(2) / sum, 1 / sum, Math.exp(-1) / sum);
        assertThat(p.margin(0)).isCloseTo(z[0] - z[1], Offset.offset(1e-12));
        assertThat(p.margin(2)).isCloseTo(z[2] - z[0], Offset.offset(1e-12));
        double sigmoid = 1 / (1 + Math.exp(-1.5));
        Prediction b = Prediction.ofProbabilities(1 - sigmoid, sigmoid);
        assertThat(b.margin(1)).isCloseTo(1.5, Offset.offset(1e-12));
        assertThat(b.margin(0)).isCloseTo(-1.5, Offset.offset(1e-12));
    }
}

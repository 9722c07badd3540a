package io.sgdscope.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.model.LearnOutcome;
import io.sgdscope.trainer.model.OnlineLearner;
import io.sgdscope.trainer.model.Prediction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Feature-time against label-time scores on a stream with a known concept flip whose labels come
 * D samples late, with a learner simple enough to work the answer out by hand.
 */
class DelayedEvaluationTest {

    /** Predicts the majority class of the last {@code k} labels it learned (class 0 on a tie or before any). */
    static final class MajorityOfLastK implements OnlineLearner {
        private final int k;
        private final Deque<Integer> last = new ArrayDeque<>();

        MajorityOfLastK(int k) {
            this.k = k;
        }

        @Override
        public String name() {
            return "majority";
        }

        @Override
        public Prediction predict(Sample s) {
            long ones = last.stream().filter(y -> y == 1).count();
            double p1 = last.isEmpty() ? 0 : (double) ones / last.size();
            // a tie predicts class 0: Prediction.predictedClass keeps the first of equal probabilities
            return Prediction.ofProbabilities(1 - p1, p1);
        }

        @Override
        public LearnOutcome learn(Sample s) {
            last.addLast(((Label.ClassIndex) s.label()).index());
            if (last.size() > k) {
                last.removeFirst();
            }
            return LearnOutcome.stepped(0);
        }
    }

    private static final int K = 3;
    private static final int N = 200;
    private static final int FLIP = 80;

    /** Class 0 before the flip, class 1 from it on. */
    private static int labelOf(int i) {
        return i < FLIP ? 0 : 1;
    }

    private static Sample unlabelled(int i) {
        return new Sample("s" + i, "flip", i * 1000L, new float[] {i}, null, null, i);
    }

    private static Sample joined(int i) {
        return unlabelled(i).joinedWith(Label.ofClass(labelOf(i)));
    }

    private static Sample labelledAtArrival(int i) {
        return unlabelled(i).withLabel(Label.ofClass(labelOf(i)));
    }

    /**
     * What the trainer sees when every label comes D samples after its sample: at moment t the
     * features of sample t, then the label of sample t - D; the last D labels at the end.
     */
    private static List<Sample> delayedStream(int delay) {
        List<Sample> events = new ArrayList<>();
        for (int t = 0; t < N + delay; t++) {
            if (t < N) {
                events.add(unlabelled(t));
            }
            if (t - delay >= 0 && t - delay < N) {
                events.add(joined(t - delay));
            }
        }
        return events;
    }

    /** The prequential evaluator and the delayed evaluation around it, over one learner. */
    private record Evaluation(MajorityOfLastK learner, PrequentialEvaluator prequential, DelayedEvaluation delayed) {
        double featureTimeAccuracy() {
            return prequential.snapshot().accuracy();
        }
    }

    private static Evaluation evaluation(PendingLimits limits) {
        MajorityOfLastK learner = new MajorityOfLastK(K);
        // windows cover the whole stream, so sliding scores equal cumulative ones
        PrequentialEvaluator prequential = new PrequentialEvaluator(learner, N, 0.999);
        return new Evaluation(learner, prequential, new DelayedEvaluation(learner, prequential, limits, N));
    }

    /**
     * River's delayed progressive validation ({@code evaluate.progressive_val_score} with a delay,
     * after {@code stream.simulate_qa}), with a fresh learner: a question (features, no label)
     * is predicted and the prediction stored; an answer (the label) scores the stored prediction,
     * then the learner learns the sample. Returns the accuracy.
     */
    private static double riverDelayedAccuracy(List<Sample> events) {
        OnlineLearner learner = new MajorityOfLastK(K);
        Map<String, Prediction> asked = new HashMap<>();
        int correct = 0;
        int answered = 0;
        for (Sample e : events) {
            if (e.label() == null) {
                asked.put(e.id(), learner.predict(e));
            } else {
                Prediction p = asked.remove(e.id());
                correct += p.predictedClass() == ((Label.ClassIndex) e.label()).index() ? 1 : 0;
                answered++;
                learner.learn(e);
            }
        }
        return (double) correct / answered;
    }

    @ParameterizedTest(name = "labels {0} samples late")
    @ValueSource(ints = {1, 2, 5, 17})
    void featureTimeAccuracyIsRiversDelayedProgressiveValidationAndLabelTimeIsHigherByTheDelay(int delay) {
        Evaluation run = evaluation(PendingLimits.DEFAULTS);
        DelayedEvaluation d = run.delayed();
        List<PrequentialOutcome.Scored> scored = new ArrayList<>();
        for (Sample e : delayedStream(delay)) {
            if (e.isLabelled()) {
                scored.add(d.step(e).scored());
            } else {
                d.predict(e);
            }
        }
        double featureTime = run.featureTimeAccuracy();
        LabelDelayScores delayScores = d.snapshot();

        // equal up to the rounding of the evaluator's running mean
        assertThat(featureTime).isCloseTo(riverDelayedAccuracy(delayedStream(delay)), offset(1e-12));
        // by hand: sample i is predicted from the labels of samples up to i - D - 1 (its own comes D
        // samples later), and the last K of them vote 1 only from i - D - 2 >= FLIP on, so samples
        // FLIP .. FLIP + D + 1 are missed: D + 2 mistakes. At label time it has learned up to i - 1,
        // so only FLIP and FLIP + 1 are missed: 2 mistakes. The gap is D / N.
        assertThat(featureTime).isCloseTo(1 - (delay + 2.0) / N, offset(1e-12));
        assertThat(delayScores.labelTimeAccuracy()).isCloseTo(1 - 2.0 / N, offset(1e-12));
        assertThat(delayScores.labelTimeAccuracy() - featureTime)
                .isCloseTo((double) delay / N, offset(1e-12));

        assertThat(scored).hasSize(N).containsOnly(PrequentialOutcome.Scored.ON_TIME);
        assertThat(delayScores.onTime()).isEqualTo(N);
        assertThat(delayScores.lateScored()).isZero();
        assertThat(delayScores.evicted()).isZero();
        assertThat(delayScores.pending()).as("every label arrived").isZero();
    }

    @Test
    void labelsThatArriveWithTheirSamplesScoreTheSameAtFeatureAndLabelTime() {
        Evaluation run = evaluation(PendingLimits.DEFAULTS);
        DelayedEvaluation d = run.delayed();
        for (int i = 0; i < N; i++) {
            assertThat(d.step(labelledAtArrival(i)).scored()).isEqualTo(PrequentialOutcome.Scored.AT_ARRIVAL);
        }
        assertThat(run.featureTimeAccuracy()).isCloseTo(1 - 2.0 / N, offset(1e-12));
        assertThat(d.snapshot().labelTimeAccuracy()).isCloseTo(1 - 2.0 / N, offset(1e-12));
        assertThat(d.snapshot().onTime()).isZero();
    }

    @Test
    void aJoinedLabelWhosePredictionIsNotHeldIsScoredNowAndCountedLate() {
        DelayedEvaluation d = evaluation(PendingLimits.DEFAULTS).delayed();
        for (int i = 0; i < FLIP + 5; i++) {
            d.step(labelledAtArrival(i));
        }
        // the trainer never saw FLIP + 5 unlabelled (say it started after): scored on a prediction made now
        PrequentialOutcome o = d.step(joined(FLIP + 5));
        assertThat(o.scored()).isEqualTo(PrequentialOutcome.Scored.LATE);
        assertThat(o.prediction().predictedClass()).as("the last three labels were 1").isEqualTo(1);
        assertThat(o.error()).isZero();
        assertThat(d.snapshot().lateScored()).isEqualTo(1);
        assertThat(d.snapshot().onTime()).isZero();
    }

    @Test
    void anEvictedPredictionIsCountedAndItsLabelLateScored() {
        DelayedEvaluation d = evaluation(new PendingLimits(2, Duration.ofHours(1))).delayed();
        d.predict(unlabelled(0));
        d.predict(unlabelled(1));
        d.predict(unlabelled(2));
        assertThat(d.snapshot().evicted()).as("the third pushed out the first").isEqualTo(1);
        assertThat(d.snapshot().pending()).isEqualTo(2);
        assertThat(d.step(joined(0)).scored()).isEqualTo(PrequentialOutcome.Scored.LATE);
        assertThat(d.step(joined(1)).scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
        assertThat(d.step(joined(2)).scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
        LabelDelayScores s = d.snapshot();
        assertThat(s.onTime() + s.lateScored()).as("every joined label scored once").isEqualTo(3);
        assertThat(s.lateScored()).isEqualTo(s.evicted());
        assertThat(s.pending()).isZero();
    }

    @Test
    void aLabelledSampleWithAHeldPredictionIsScoredOnItEvenWithoutTheJoinedFlag() {
        DelayedEvaluation d = evaluation(PendingLimits.DEFAULTS).delayed();
        for (int i = 0; i < FLIP; i++) {
            d.step(labelledAtArrival(i));
        }
        Prediction held = d.predict(unlabelled(FLIP));
        for (int i = FLIP + 1; i < FLIP + 4; i++) {
            d.step(labelledAtArrival(i));
        }
        PrequentialOutcome o = d.step(labelledAtArrival(FLIP));
        assertThat(o.scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
        assertThat(o.prediction()).isSameAs(held);
        assertThat(o.error()).as("held from before the flip: class 0").isEqualTo(1);
    }

    @Test
    void aLabelTheModelCannotUseChangesNothingAndKeepsThePredictionHeld() {
        DelayedEvaluation d = evaluation(PendingLimits.DEFAULTS).delayed();
        d.predict(unlabelled(0));
        Sample outOfRange = unlabelled(0).joinedWith(Label.ofClass(5));
        assertThatThrownBy(() -> d.step(outOfRange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 5");
        assertThat(d.snapshot().pending()).isEqualTo(1);
        assertThat(d.snapshot().onTime()).isZero();
        assertThat(d.step(joined(0)).scored()).isEqualTo(PrequentialOutcome.Scored.ON_TIME);
    }

    @Test
    void restoringTheStateMidStreamThenContinuingScoresExactlyLikeAnUninterruptedRun() throws Exception {
        List<Sample> events = delayedStream(5);
        int cut = events.size() / 2;
        Evaluation uninterrupted = evaluation(PendingLimits.DEFAULTS);
        feed(uninterrupted.delayed(), events);

        Evaluation first = evaluation(PendingLimits.DEFAULTS);
        feed(first.delayed(), events.subList(0, cut));
        assertThat(first.delayed().snapshot().pending()).as("the cut falls while labels are pending").isPositive();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            first.prequential().writeState(out);
            first.delayed().writeState(out);
        }
        // the learner's own state is the model's business: replay what it learned before the cut
        Evaluation restored = evaluation(PendingLimits.DEFAULTS);
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            restored.prequential().readState(in);
            restored.delayed().readState(in);
        }
        MajorityOfLastK learner = restored.learner();
        events.subList(0, cut).stream().filter(Sample::isLabelled).forEach(learner::learn);
        assertThat(restored.delayed().snapshot()).isEqualTo(first.delayed().snapshot());
        feed(restored.delayed(), events.subList(cut, events.size()));

        assertThat(restored.delayed().snapshot()).isEqualTo(uninterrupted.delayed().snapshot());
        assertThat(restored.prequential().snapshot()).isEqualTo(uninterrupted.prequential().snapshot());
    }

    private static void feed(DelayedEvaluation d, List<Sample> events) {
        for (Sample e : events) {
            if (e.isLabelled()) {
                d.step(e);
            } else {
                d.predict(e);
            }
        }
    }
}

package io.sgdscope.launcher.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.DriftEvent;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.insight.InsightReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reproduction of the freeze the core pass fixed, through the real trainer and the product's own
 * metric: a wide ReLU MLP ({@code mlp:32-512-2}) replayed over 400 samples of the {@code label-noise}
 * scenario's noisy phase (symmetric flips at 20%). A network this wide can fit any labelling, so
 * SGD must end up memorising the flipped labels. With the cross-entropy gradient written DL4J's way,
 * {@code (p − y)/(p(1 − p)) · σ′}, every saturated mistake gave no gradient at all and the run froze
 * with most flipped samples still unmemorised; computed from the logits, a mistake always pulls.
 */
class MemorisationScenarioTest {

    static final int NOISY_PHASE_START = 20_000;
    static final int ROWS = 400;

    @Test
    void aWideMlpReplayedOverTheNoisyPhaseMemorisesItsFlippedLabels() {
        Map<String, String> dimension = Map.of("source.dimension", "32", "producer.dimension", "32");
        List<DriftEvent> truth = new ArrayList<>();
        List<Sample> stream = ScenarioTraining.samples("label-noise", dimension, NOISY_PHASE_START + ROWS, truth);
        List<Sample> noisyPhase = stream.subList(NOISY_PHASE_START, NOISY_PHASE_START + ROWS);
        long flipped = noisyPhase.stream().filter(s -> s.truth().noisy()).count();
        assertThat(flipped).as("flipped labels among the replayed rows").isBetween(40L, 120L);

        var run = ScenarioTraining.train("label-noise", Map.of(
                "trainer.model", "mlp:32-512-2,act=relu",
                "trainer.learning-rate", "0.05",
                "trainer.executor", "fast",
                "trainer.metrics.every-steps", "4000",
                "trainer.metrics.min-interval", "0s",
                "trainer.metrics.window", Integer.toString(ROWS)), noisyPhase, List.of(), 150).get(0);

        System.out.println("memorisation of " + ROWS + " rows of label-noise's noisy phase (" + flipped
                + " flipped) by mlp:32-512-2, sgd, learning-rate 0.05");
        System.out.println("   step  memorization  param-norm  window-loss");
        for (InsightReport r : run.reports()) {
            System.out.printf("%7d  %12.3f  %10.4f  %11.5f%n", r.step(), r.memorization(), r.paramNorm(),
                    r.windowLoss());
        }
        InsightReport last = run.last();
        InsightReport before = run.reports().get(run.reports().size() - 2);
        // a frozen run keeps its norm to the last digit; a learning one keeps growing its logits
        assertThat(last.paramNorm()).as("parameter norm still moving").isGreaterThan(before.paramNorm());
        assertThat(last.step()).isEqualTo(60_000);
        assertThat(last.noisyInWindow()).isEqualTo((int) flipped);
        assertThat(last.memorization()).as("share of flipped labels the model predicts").isGreaterThan(0.95);
        assertThat(last.windowLoss()).isLessThan(0.05);
        assertThat(run.model().stats().snapshot().divergences()).isZero();
    }
}

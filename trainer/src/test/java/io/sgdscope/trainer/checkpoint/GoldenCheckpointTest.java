package io.sgdscope.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.trainer.OnlineModel;
import io.sgdscope.trainer.eval.PrequentialEvaluator;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.dl4j.Dl4jBackend;
import io.sgdscope.trainer.optim.DivergenceGuard;
import io.sgdscope.trainer.optim.LearningRateSchedule;
import io.sgdscope.trainer.optim.OptimizerSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint written by format version 1, kept as files: later versions must still restore it.
 * Regenerate with {@link #main} (not a test) only when the format version changes, keeping the old one.
 * The model states of later layouts ({@code golden/model-state-v2}, {@code -v3}) are restored by
 * {@code TrainedModelTest}, which can build a {@code TrainedModel}.
 */
public class GoldenCheckpointTest {

    public static final ModelSpec SPEC = ModelSpec.parse("mlp:4-8-3,act=tanh");
    public static final String TOPIC = "samples.clean";
    public static final int TRAINED = 10;

    static OnlineModel model() {
        OptimizerSettings o = new OptimizerSettings(OptimizerSettings.Kind.MOMENTUM, 0.05, 0.9, 0, 0.05, 0, 0.1,
                LearningRateSchedule.Kind.CONSTANT, 1, 0.1, 0);
        return new OnlineModel("momentum", SPEC, new FastExecutor(SPEC), SPEC.initialParams(7), o.create(SPEC.task(), 7),
                o.newSchedule(), new DivergenceGuard(0.5, 100), 3);
    }

    /** The golden stream's {@code i}th sample; TrainedModelTest restores the golden state into a TrainedModel. */
    public static Sample sample(int i) {
        float[] x = {i % 3, (i * 7) % 5 - 2, 0.5f * i, -1};
        return new Sample("g" + i, "golden", i, x, Label.ofClass(i % 3), null);
    }

    public static void main(String[] args) throws IOException {
        OnlineModel m = model();
        PrequentialEvaluator eval = new PrequentialEvaluator(m, 5, 0.9);
        for (int i = 0; i < TRAINED; i++) {
            eval.step(sample(i));
        }
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(state)) {
            m.writeState(out);
            eval.writeState(out);
        }
        Path root = Path.of("trainer/src/test/resources/golden/checkpoint-v" + CheckpointStore.FORMAT_VERSION);
        new CheckpointStore(root, 1, new Dl4jBackend().fileFormat(), v -> SPEC).write(new PartitionCheckpoint(TOPIC, 0,
                TRAINED, Map.of("sgdscope.version", "0.1.0-SNAPSHOT"), List.of(new PartitionCheckpoint.ModelState(
                "golden", "momentum", m.paramsView().clone(), state.toByteArray()))));
    }

    @Test
    void aVersionOneCheckpointStillRestoresAndTrainsOn() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/golden/checkpoint-v1").toURI());
        PartitionCheckpoint c = new CheckpointStore(root, 1, new Dl4jBackend().fileFormat(), v -> SPEC)
                .latest(TOPIC, 0).orElseThrow();
        assertThat(c.nextOffset()).isEqualTo(TRAINED);
        assertThat(c.provenance()).containsKey("sgdscope.version");
        PartitionCheckpoint.ModelState s = c.models().get(0);
        assertThat(s.params()).hasSize(SPEC.layout().numParams());

        OnlineModel restored = model();
        PrequentialEvaluator eval = new PrequentialEvaluator(restored, 5, 0.9);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(s.state()))) {
            restored.restore(s.params(), in);
            eval.readState(in);
        }
        assertThat(restored.steps()).isEqualTo(TRAINED / 3);
        assertThat(eval.snapshot().samples()).isEqualTo(TRAINED);
        assertThat(restored.paramsView()).isNotEqualTo(SPEC.initialParams(7));
        // the pending row and the next two complete a batch: one more step
        eval.step(sample(TRAINED));
        eval.step(sample(TRAINED + 1));
        assertThat(restored.steps()).isEqualTo(TRAINED / 3 + 1);
    }
}

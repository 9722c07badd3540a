package io.sgdscope.trainer.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelExecutorContract;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Dl4jExecutorTest extends ModelExecutorContract {

    @Override
    protected ModelExecutor create(ModelSpec spec) {
        return new Dl4jExecutor(spec);
    }

    /** One-row outputs take the fast forward pass; it must be DL4J's own function. */
    @ParameterizedTest
    @ValueSource(strings = {"linear:5-2", "linear:5-4", "linear:5-1", "mlp:5-7-3,act=relu",
            "mlp:5-6-4-2,act=tanh,bias=false", "dln:5-1,init=0.3", "dln:5-2,init=0.3"})
    void theFastForwardPassIsDl4jsForwardPass(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        float[] params = TestData.randomParams(spec, 0.7, 3);
        Batch rows = TestData.samples(spec, 20, 4);
        try (Dl4jExecutor exec = new Dl4jExecutor(spec)) {
            float[] fast = new float[spec.task().outputs()];
            float[] dl4j = new float[spec.task().outputs()];
            for (int r = 0; r < rows.size(); r++) {
                exec.output(params, rows.features(r), fast);
                exec.outputInDl4j(params, rows.features(r), dl4j);
                for (int k = 0; k < fast.length; k++) {
                    assertThat((double) fast[k]).as("%s row %d output %d", text, r, k)
                            .isCloseTo(dl4j[k], within(1e-5 * Math.max(1, Math.abs(dl4j[k]))));
                }
            }
        }
    }
}

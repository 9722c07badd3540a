package io.sgdscope.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.trainer.model.dl4j.Dl4jExecutor;
import org.junit.jupiter.api.Test;

class ExecutorsTest {

    private static final ModelSpec MLP = ModelSpec.parse("mlp:4-3-2");
    private static final ModelSpec USERS = ModelSpec.parse("dl4j:/nowhere/net.zip");

    @Test
    void autoPicksFastBelowBatch128AndDl4jFromThereOrForUsersNetworks() {
        // before any calibration of these shapes in this JVM, auto follows the prior rule
        assertThat(Executors.resolve(ExecutorKind.AUTO, MLP, 1)).isEqualTo(ExecutorKind.FAST);
        assertThat(Executors.prior(MLP, 127)).isEqualTo(ExecutorKind.FAST);
        assertThat(Executors.prior(MLP, 128)).isEqualTo(ExecutorKind.DL4J);
        assertThat(Executors.resolve(ExecutorKind.AUTO, USERS, 1)).isEqualTo(ExecutorKind.DL4J);
        assertThat(Executors.resolve(ExecutorKind.FAST, MLP, 512)).isEqualTo(ExecutorKind.FAST);
        assertThat(Executors.resolve(ExecutorKind.DL4J, MLP, 1)).isEqualTo(ExecutorKind.DL4J);
    }

    @Test
    void createBuildsTheResolvedKind() {
        try (ModelExecutor fast = Executors.create(ExecutorKind.AUTO, MLP, 1);
             ModelExecutor dl4j = Executors.create(ExecutorKind.DL4J, MLP, 256)) {
            assertThat(fast).isInstanceOf(FastExecutor.class);
            assertThat(dl4j).isInstanceOf(Dl4jExecutor.class);
            assertThat(dl4j.spec()).isEqualTo(MLP);
        }
    }

    @Test
    void autoAtALargeBatchBuildsWhatItsCalibrationChoseAndRemembersIt() {
        ModelSpec spec = ModelSpec.parse("mlp:4-5-2");
        try (ModelExecutor auto = Executors.create(ExecutorKind.AUTO, spec, 64)) {
            ExecutorKind chosen = Executors.resolve(ExecutorKind.AUTO, spec, 64);
            assertThat(auto).isInstanceOf(chosen == ExecutorKind.FAST ? FastExecutor.class : Dl4jExecutor.class);
            // the same shape again is not measured again: the same choice, at once
            assertThat(Executors.calibrated(spec, 64)).isEqualTo(chosen);
        }
    }

    @Test
    void badChoicesSayWhatIsExpected() {
        assertThat(ExecutorKind.parse(" Dl4j ")).isEqualTo(ExecutorKind.DL4J);
        assertThatThrownBy(() -> ExecutorKind.parse("gpu")).hasMessageContaining("fast, dl4j or auto");
        assertThatThrownBy(() -> Executors.resolve(ExecutorKind.AUTO, MLP, 0)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> Executors.create(ExecutorKind.FAST, USERS, 1))
                .hasMessageContaining("dl4j executor only");
    }
}

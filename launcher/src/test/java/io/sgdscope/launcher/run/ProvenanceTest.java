package io.sgdscope.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.config.RawConfig;
import io.sgdscope.trainer.TrainerConfig;
import io.sgdscope.trainer.TrainingSetting;
import io.sgdscope.trainer.model.Executors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void recordsTheRawKeysAndEveryVariantAsItRuns() {
        RawConfig raw = RawConfig.of(Map.of(
                "trainer.executor", "auto",
                "trainer.variants.sam", "opt=sam,rho=0.1",
                "trainer.variants.wide", "batch=" + Executors.AUTO_DL4J_MIN_BATCH), "test");
        Map<String, String> p = Provenance.of(raw, TrainerConfig.from(raw));
        assertThat(p)
                .containsEntry("config.trainer.executor", "auto (test)")
                .containsEntry("config.trainer.variants.sam", "opt=sam,rho=0.1 (test)")
                // AUTO resolved to what actually runs, per variant
                .containsEntry("variant.sam.executor", "fast")
                .containsEntry("variant.wide.executor", "dl4j")
                // the alias resolved to its word; the settings the variant did not name are there too
                .containsEntry("variant.sam.sam-rho", "0.1")
                .containsEntry("variant.sam.optimizer", "sam")
                .containsEntry("variant.wide.optimizer", "sgd");
        for (TrainingSetting s : TrainingSetting.values()) {
            assertThat(p).containsKey("variant.sam." + s.word()).containsKey("variant.wide." + s.word());
        }
        assertThat(p).containsKey("variant.sam.model");
    }
}

package io.sgdscope.monitoring.binder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgdscope.monitoring.MeterNames;
import io.sgdscope.trainer.ModelStats;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every per-model binder tags every meter with its model and stream, so two models on one registry
 * never collide and a sum over {@code model} means something; per-layer and per-detector meters
 * follow the model's shape.
 */
class ModelMeterBinderTest {

    private static final List<Function<ModelStats, ModelMeterBinder>> BINDERS =
            List.of(ModelMetrics::new, ModelInsightMetrics::new, DriftDetectionMetrics::new);

    @Test
    void everyMeterOfEveryModelBinderCarriesItsModelAndStream() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelStats a = new ModelStats("sgd", "teacher", new ModelStats.Shape(2, List.of("adwin")));
        ModelStats b = new ModelStats("adam", "teacher", new ModelStats.Shape(2, List.of("adwin")));
        for (Function<ModelStats, ModelMeterBinder> binder : BINDERS) {
            binder.apply(a).bindTo(registry);
            binder.apply(b).bindTo(registry);
        }
        List<Meter> meters = registry.getMeters();
        assertThat(meters).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getId().getTag(MeterNames.TAG_STREAM)).as(m.getId().getName()).isEqualTo("teacher");
            assertThat(m.getId().getTag(MeterNames.TAG_MODEL)).as(m.getId().getName()).isIn("sgd", "adam");
        });
        long sgd = meters.stream().filter(m -> "sgd".equals(m.getId().getTag(MeterNames.TAG_MODEL))).count();
        assertThat(sgd).as("each model has its own meters").isEqualTo(meters.size() - sgd);
    }

    @Test
    void perLayerAndPerDetectorMetersFollowTheModelsShape() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelStats stats = new ModelStats("sgd", "s", new ModelStats.Shape(3, List.of("adwin", "ddm")));
        new ModelInsightMetrics(stats).bindTo(registry);
        new DriftDetectionMetrics(stats).bindTo(registry);
        assertThat(registry.find(MeterNames.MODEL_STABLE_RANK).gauges()).extracting(g -> g.getId().getTag(MeterNames.TAG_LAYER))
                .containsExactlyInAnyOrder("0", "1", "2");
        assertThat(registry.find(MeterNames.DRIFT_DETECTIONS).functionCounters())
                .extracting(c -> c.getId().getTag(MeterNames.TAG_DETECTOR)).containsExactlyInAnyOrder("adwin", "ddm");
    }
}

package io.sgdscope.trainer.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.Kernels;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import io.sgdscope.trainer.model.TestData;
import io.sgdscope.trainer.optim.Optimizer;
import io.sgdscope.trainer.optim.SamOptimizer;
import io.sgdscope.trainer.optim.SgdOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equivalence test: from the same initial parameters, over the same 2,000 seeded
 * samples, the fast and the DL4J executor end within 1e-4 of each other in every parameter, for
 * every model kind and for SGD, momentum and SAM; the fast one on both its scalar and its vector
 * kernels.
 */
class ExecutorEquivalenceTest {

    static final int SAMPLES = 2_000;
    static final double MAX_PARAM_DIFFERENCE = 1e-4;

    /** lrScale: momentum 0.9 multiplies the effective step by 10, so it runs at a tenth of the rate. */
    record Opt(String name, int batchSize, double lrScale, Supplier<Optimizer> create) {
        @Override
        public String toString() {
            return name + ", batch " + batchSize;
        }
    }

    static Stream<Arguments> cases() {
        List<Opt> optimizers = List.of(
                new Opt("sgd", 1, 1, SgdOptimizer::plain),
                new Opt("momentum 0.9", 1, 0.1, () -> new SgdOptimizer(0.9, false, 0)),
                new Opt("sam rho=0.05 m=2", 4, 1, () -> new SamOptimizer(0.05, 2, SgdOptimizer.plain())));
        List<Arguments> cases = new ArrayList<>();
        for (String spec : List.of("linear:16-2", "mlp:16-32-2,act=relu", "mlp:16-16-3,act=tanh,bias=false",
                "dln:16-1,init=0.1")) {
            for (Opt opt : optimizers) {
                cases.add(Arguments.of(spec, opt));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void fastAndDl4jTrainTheSameParameters(String text, Opt opt) {
        ModelSpec spec = ModelSpec.parse(text);
        double lr = (spec.task().isClassification() ? 0.05 : 0.01) * opt.lrScale();
        float[] init = spec.initialParams(7);
        Batch samples = TestData.samples(spec, SAMPLES, 8);
        float[] dl4j;
        try (ModelExecutor d = new Dl4jExecutor(spec)) {
            dl4j = train(d, opt, init, samples, lr);
        }
        for (Kernels kernels : List.of(Kernels.scalar(), Kernels.vector())) {
            float[] fast;
            try (ModelExecutor f = new FastExecutor(spec, kernels)) {
                fast = train(f, opt, init, samples, lr);
            }
            assertEquivalent(fast, dl4j, init, kernels.name());
        }
    }

    private static void assertEquivalent(float[] fast, float[] dl4j, float[] init, String kernels) {
        double maxDiff = 0;
        double maxMoved = 0;
        for (int i = 0; i < init.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(fast[i] - dl4j[i]));
            maxMoved = Math.max(maxMoved, Math.abs(fast[i] - init[i]));
        }
        assertThat(maxMoved).as("training moved the parameters").isGreaterThan(0.05);
        assertThat(maxDiff).as("max |fast - dl4j| over %d params, %s kernels", init.length, kernels)
                .isLessThan(MAX_PARAM_DIFFERENCE);
    }

    private static float[] train(ModelExecutor exec, Opt opt, float[] init, Batch samples, double lr) {
        float[] params = init.clone();
        Optimizer optimizer = opt.create().get();
        optimizer.initialise(params.length);
        Batch batch = new Batch(opt.batchSize());
        for (int r = 0; r < samples.size(); r++) {
            batch.add(samples.features(r), samples.target(r));
            if (batch.isFull()) {
                double loss = optimizer.step(params, exec::lossAndGradient, batch, lr);
                assertThat(Double.isFinite(loss)).as("loss at sample %d", r).isTrue();
                batch.clear();
            }
        }
        return params;
    }
}

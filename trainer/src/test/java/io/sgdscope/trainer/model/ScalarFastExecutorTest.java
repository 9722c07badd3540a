package io.sgdscope.trainer.model;

/**
 * The executor contract on the scalar kernels, which a JVM started without
 * {@code --add-modules jdk.incubator.vector} runs; {@link FastExecutorTest} runs this JVM's
 * (in the surefire runs, the vector ones).
 */
class ScalarFastExecutorTest extends ModelExecutorContract {

    @Override
    protected ModelExecutor create(ModelSpec spec) {
        return new FastExecutor(spec, Kernels.scalar());
    }
}

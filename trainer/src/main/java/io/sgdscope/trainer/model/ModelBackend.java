package io.sgdscope.trainer.model;


/**
 * Builds what a model spec needs to run: the resolved spec (a {@code dl4j:} file defines its own
 * task), its initial parameters and an executor. The DL4J backend is the production one.
 */
public interface ModelBackend {

    ModelSpec resolve(ModelSpec spec);

    float[] initialParams(ModelSpec resolved, long seed);

    ModelExecutor executor(ModelSpec resolved, ExecutorKind kind, int batchSize);

    ModelFileFormat fileFormat();
}

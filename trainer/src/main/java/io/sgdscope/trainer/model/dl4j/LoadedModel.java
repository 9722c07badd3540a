package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.ModelSpec;

/** A model spec (its task known) and its flat parameters in DL4J's layout. */
public record LoadedModel(ModelSpec spec, float[] params) {

    public LoadedModel {
        if (spec.task() == null) {
            throw new IllegalArgumentException("spec " + spec + " has no task");
        }
        params = params.clone();
    }

    @Override
    public float[] params() {
        return params.clone();
    }
}

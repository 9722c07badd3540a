package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelExecutorContract;
import io.sgdscope.trainer.model.ModelSpec;

class Dl4jExecutorTest extends ModelExecutorContract {

    @Override
    protected ModelExecutor create(ModelSpec spec) {
        return new Dl4jExecutor(spec);
    }
}

package io.sgdscope.trainer.optim;

import io.sgdscope.trainer.model.Task;
import org.junit.jupiter.api.Nested;

/** The contract run for every optimizer, each with non-default settings. */
class OptimizerContracts {

    @Nested
    class Sgd extends OptimizerContract {
        @Override
        Optimizer create() {
            return new SgdOptimizer(0, false, 1e-3);
        }
    }

    @Nested
    class Momentum extends OptimizerContract {
        @Override
        Optimizer create() {
            return new SgdOptimizer(0.9, false, 1e-3);
        }
    }

    @Nested
    class Nesterov extends OptimizerContract {
        @Override
        Optimizer create() {
            return new SgdOptimizer(0.8, true, 0);
        }
    }

    @Nested
    class Sam extends OptimizerContract {
        @Override
        Optimizer create() {
            return new SamOptimizer(0.05, 2, new SgdOptimizer(0.5, false, 0));
        }
    }

    @Nested
    class LabelNoiseRegression extends OptimizerContract {
        @Override
        Optimizer create() {
            return new LabelNoiseOptimizer(Task.regression(), 0.3, 7, SgdOptimizer.plain());
        }
    }

    @Nested
    class LabelNoiseClassification extends OptimizerContract {
        @Override
        Optimizer create() {
            return new LabelNoiseOptimizer(Task.classification(3), 0.2, 11, new SgdOptimizer(0.9, false, 0));
        }
    }
}

package io.sgdscope.trainer.model;

import io.sgdscope.common.Sample;

/**
 * One sample at a time, River style: {@link #predict} never changes the model, {@link #learn}
 * takes one SGD step on a labelled sample.
 */
public interface OnlineLearner {

    /** A short stable name, used as the {@code model} metric tag. */
    String name();

    Prediction predict(Sample sample);

    LearnOutcome learn(Sample sample);
}

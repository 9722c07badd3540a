package io.sgdscope.producers.source;

import io.sgdscope.common.Label;

/**
 * A source whose label is a function of the input (plus, for regression, its own target noise).
 * A covariate shift then keeps P(y|x): the scenario moves x and asks the teacher for the label of
 * the moved point. Margin-targeted label noise needs the distance to the boundary.
 */
public interface TeacherSource extends SampleSource {

    /** The clean label of {@code x}. */
    Label label(float[] x);

    /**
     * How far {@code x} is from the teacher's decision boundary, >= 0; for a linear teacher with a
     * unit normal this is the Euclidean distance. Regression teachers return +infinity.
     */
    double margin(float[] x);
}

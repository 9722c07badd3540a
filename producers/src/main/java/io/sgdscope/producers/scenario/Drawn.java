package io.sgdscope.producers.scenario;

import io.sgdscope.common.Label;

/** One clean draw of a phase, after its feature transform: the inputs and the clean label (null when unlabelled). */
record Drawn(float[] x, Label clean) {
}

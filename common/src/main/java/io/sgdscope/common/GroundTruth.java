package io.sgdscope.common;

import java.util.Objects;

/**
 * What a synthetic source knows and a real one does not: the label before noise was applied,
 * whether noise changed it, and which scenario phase produced the sample.
 */
public record GroundTruth(Label cleanLabel, boolean noisy, int phase) {
    public GroundTruth {
        Objects.requireNonNull(cleanLabel, "cleanLabel");
        if (phase < 0) {
            throw new IllegalArgumentException("phase must be >= 0, got " + phase);
        }
    }
}

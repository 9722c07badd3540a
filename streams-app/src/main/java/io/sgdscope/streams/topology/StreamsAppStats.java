package io.sgdscope.streams.topology;

import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.drift.DriftBoard;
import io.sgdscope.streams.join.JoinStats;
import io.sgdscope.streams.validation.ValidationStats;

/** Everything the streams app counts; metrics binders read it from outside. */
public record StreamsAppStats(ValidationStats validation, JoinStats join, DriftBoard drift) {

    public static StreamsAppStats create(StreamsAppConfig config) {
        return new StreamsAppStats(new ValidationStats(), new JoinStats(), new DriftBoard(config.drift().maxStreams()));
    }
}

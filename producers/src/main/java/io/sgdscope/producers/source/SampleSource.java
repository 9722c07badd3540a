package io.sgdscope.producers.source;

import io.sgdscope.common.Sample;
import java.util.Optional;

/**
 * A stream of samples. Synthetic sources are infinite and deterministic for a seed; a file source
 * replayed once ends, and says so with an empty {@link #next()}. Plug-ins are created by a
 * {@link SampleSourceProvider}.
 */
public interface SampleSource extends AutoCloseable {

    SourceSchema schema();

    /** The next sample, or empty when the source is exhausted. */
    Optional<Sample> next();

    @Override
    default void close() {
    }
}

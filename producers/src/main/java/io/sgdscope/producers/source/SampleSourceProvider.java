package io.sgdscope.producers.source;

/**
 * The plug-in seam: a factory for one kind of source, found with {@link java.util.ServiceLoader}.
 * Register an implementation in {@code META-INF/services/io.sgdscope.producers.source.SampleSourceProvider}
 * and put its jar on the class path; a scenario then selects it with {@code source.type: NAME}.
 */
public interface SampleSourceProvider {

    /** The {@code source.type} that selects this provider: lower case, e.g. {@code teacher-linear}. */
    String name();

    /**
     * A new source. Read settings through {@code context.settings()}: every key under {@code source.}
     * that no provider reads is rejected afterwards with its path and line, and bad values fail naming theirs.
     * Draw all randomness from {@link SourceContext#seed()} so equal seeds give equal streams.
     */
    SampleSource create(SourceContext context);
}

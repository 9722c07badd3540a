package io.sgdscope.producers.source;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Base of the generators: an infinite stream of clean samples, ids {@code stream-0, stream-1, ...}
 * and {@link Sample#index()} 0, 1, ...
 */
public abstract class SyntheticSource implements SampleSource {

    private final SourceSchema schema;
    private final String idPrefix;
    private final LongSupplier clockMs;
    private long count;

    protected SyntheticSource(SourceSchema schema, LongSupplier clockMs) {
        this.schema = schema;
        this.idPrefix = schema.stream() + "-";
        this.clockMs = clockMs;
    }

    @Override
    public SourceSchema schema() {
        return schema;
    }

    @Override
    public final Optional<Sample> next() {
        float[] x = new float[schema.dimension()];
        Label y = draw(x);
        long index = count++;
        return Optional.of(new Sample(idPrefix + index, schema.stream(), clockMs.getAsLong(), x, y,
                new GroundTruth(y, false, 0), index));
    }

    /**
     * The next input written into {@code x} (of the schema's dimension), and its clean label: the
     * same draw as {@link #next()}, without building a {@link Sample}. The scenario engine uses it.
     */
    public final Label nextInto(float[] x) {
        count++;
        return draw(x);
    }

    /** Fills {@code x} with the next input and returns its clean label. */
    protected abstract Label draw(float[] x);

    protected static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

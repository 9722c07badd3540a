package io.sgdscope.producers.plugin;

import io.sgdscope.common.GroundTruth;
import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.producers.source.SampleSource;
import io.sgdscope.producers.source.SampleSourceProvider;
import io.sgdscope.producers.source.SourceContext;
import io.sgdscope.producers.source.SourceSchema;
import java.util.Arrays;
import java.util.Optional;

/**
 * The example plug-in of producers/README.md: every sample has all features equal to
 * {@code value} and alternates classes 0 and 1. Registered only on the test class path, in
 * {@code src/test/resources/META-INF/services}.
 */
public final class ExampleConstantSource implements SampleSource {

    private final SourceSchema schema;
    private final float value;
    private long count;

    ExampleConstantSource(String stream, int dimension, float value) {
        this.schema = SourceSchema.classification(stream, dimension, 2);
        this.value = value;
    }

    @Override
    public SourceSchema schema() {
        return schema;
    }

    @Override
    public Optional<Sample> next() {
        float[] x = new float[schema.dimension()];
        Arrays.fill(x, value);
        Label y = Label.ofClass((int) (count % 2));
        long index = count++;
        return Optional.of(new Sample(schema.stream() + "-" + index, schema.stream(), 0, x, y, new GroundTruth(y, false, 0),
                index));
    }

    public static final class Provider implements SampleSourceProvider {
        @Override
        public String name() {
            return "example-constant";
        }

        @Override
        public SampleSource create(SourceContext params) {
            return new ExampleConstantSource(params.stream(), params.dimension(),
                    (float) params.settings().doubleValue("value", 1.0, -1e6, 1e6));
        }
    }
}

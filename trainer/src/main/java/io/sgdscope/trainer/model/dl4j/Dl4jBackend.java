package io.sgdscope.trainer.model.dl4j;

import io.sgdscope.trainer.model.ModelFileFormat;
import io.sgdscope.trainer.model.ExecutorKind;
import io.sgdscope.trainer.model.Executors;
import io.sgdscope.trainer.model.ModelBackend;
import io.sgdscope.trainer.model.ModelExecutor;
import io.sgdscope.trainer.model.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production backend: DL4J defines and stores every model; the fast executor runs the ones it
 * supports at small batch sizes. A user's {@code dl4j:} file is read once and cached.
 */
public final class Dl4jBackend implements ModelBackend {

    private final Map<Path, LoadedModel> userModels = new ConcurrentHashMap<>();

    @Override
    public ModelSpec resolve(ModelSpec spec) {
        return spec.kind() == ModelSpec.Kind.DL4J ? userModel(spec).spec() : spec;
    }

    @Override
    public float[] initialParams(ModelSpec resolved, long seed) {
        return resolved.kind() == ModelSpec.Kind.DL4J ? userModel(resolved).params() : resolved.initialParams(seed);
    }

    @Override
    public ModelExecutor executor(ModelSpec resolved, ExecutorKind kind, int batchSize) {
        return Executors.create(kind, resolved, batchSize);
    }

    @Override
    public ModelFileFormat fileFormat() {
        return new ModelFileFormat() {
            @Override
            public void write(ModelSpec spec, float[] params, OutputStream out) throws IOException {
                Dl4jModelFiles.write(spec, params, out);
            }

            @Override
            public float[] readParams(InputStream in) throws IOException {
                return Dl4jModelFiles.read(in).params();
            }
        };
    }

    private LoadedModel userModel(ModelSpec spec) {
        return userModels.computeIfAbsent(spec.file(), f -> Dl4jModels.load(spec));
    }
}

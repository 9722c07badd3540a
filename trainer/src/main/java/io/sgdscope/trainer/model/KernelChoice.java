package io.sgdscope.trainer.model;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks {@link Kernels#active()} once per JVM. {@link VectorKernels} is only ever loaded
 * reflectively and only when the boot layer has the incubator module, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} (a plain {@code java -jar}) never touches a vector class.
 */
final class KernelChoice {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(KernelChoice.class);

    static final Kernels ACTIVE = choose(ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent());

    private KernelChoice() {
    }

    /** The vector kernels if {@code vectorModulePresent} and they load, else the scalar ones. */
    static Kernels choose(boolean vectorModulePresent) {
        Kernels k = vectorModulePresent ? vector().orElse(ScalarKernels.INSTANCE) : ScalarKernels.INSTANCE;
        LOG.debug("training kernels: {}{}", k.name(), vectorModulePresent ? ""
                : " (start the JVM with --add-modules " + VECTOR_MODULE + " for the vector kernels)");
        return k;
    }

    static Optional<Kernels> vector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Kernels) Class.forName(KernelChoice.class.getPackageName() + ".VectorKernels")
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // a JVM whose vector API does not link (another release's incubator): the scalar kernels still work
            LOG.warn("vector kernels unavailable, using scalar ones: {}", e.toString());
            return Optional.empty();
        }
    }
}

package io.sgdscope.trainer.model;

import io.sgdscope.trainer.model.dl4j.Dl4jExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the executor for a model spec. {@code auto} is decided by an {@link ExecutorCalibration}
 * the first time a model spec and batch size are built in this JVM, and remembered for the others
 * (every stream and variant of that shape). Set {@code executor: fast} or {@code dl4j} to skip it,
 * or start the JVM with {@code -D}{@value #CALIBRATION_PROPERTY}{@code =off} to have auto follow
 * the fixed rule of {@link #prior}.
 */
public final class Executors {

    private static final Logger LOG = LoggerFactory.getLogger(Executors.class);

    /** Without a calibration, AUTO uses the fast executor below this batch size and DL4J from here on. */
    public static final int AUTO_DL4J_MIN_BATCH = 128;
    /** System property that switches auto's calibration off ({@code off}). */
    public static final String CALIBRATION_PROPERTY = "sgdscope.executor.calibration";

    /** What calibrations chose, by model spec and batch size. */
    private static final Map<String, ExecutorKind> CALIBRATED = new ConcurrentHashMap<>();

    private Executors() {
    }

    /**
     * The concrete kind {@code kind} stands for: itself unless AUTO; for AUTO what a calibration in
     * this JVM chose for the spec and batch size, else {@link #prior}.
     */
    public static ExecutorKind resolve(ExecutorKind kind, ModelSpec spec, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (kind != ExecutorKind.AUTO) {
            return kind;
        }
        ExecutorKind calibrated = CALIBRATED.get(key(spec, batchSize));
        return calibrated != null ? calibrated : prior(spec, batchSize);
    }

    /** AUTO's rule without a measurement: FAST when the spec is not {@code dl4j:} and the batch is below 128. */
    public static ExecutorKind prior(ModelSpec spec, int batchSize) {
        return spec.kind() != ModelSpec.Kind.DL4J && batchSize < AUTO_DL4J_MIN_BATCH ? ExecutorKind.FAST
                : ExecutorKind.DL4J;
    }

    /** Builds the executor {@code kind} stands for, calibrating AUTO first if this shape has not been. */
    public static ModelExecutor create(ExecutorKind kind, ModelSpec spec, int batchSize) {
        if (kind == ExecutorKind.AUTO && calibrationEnabled()) {
            calibrated(spec, batchSize);
        }
        return build(resolve(kind, spec, batchSize), spec);
    }

    /** Builds exactly {@code kind}, which must not be AUTO. */
    public static ModelExecutor build(ExecutorKind kind, ModelSpec spec) {
        return switch (kind) {
            case FAST -> new FastExecutor(spec);
            case DL4J -> new Dl4jExecutor(spec);
            case AUTO -> throw new IllegalStateException("AUTO resolves to FAST or DL4J");
        };
    }

    /** The calibrated choice for this shape, measuring it now if no calibration in this JVM has. */
    public static ExecutorKind calibrated(ModelSpec spec, int batchSize) {
        return CALIBRATED.computeIfAbsent(key(spec, batchSize), k -> {
            ExecutorCalibration.Result r = new ExecutorCalibration().calibrate(spec, batchSize);
            if (r.measured()) {
                LOG.info("executor auto for {} at batch {}: {} (fast executor kernels: {})", spec, batchSize, r,
                        Kernels.active().name());
            }
            return r.chosen();
        });
    }

    static boolean calibrationEnabled() {
        return !"off".equalsIgnoreCase(System.getProperty(CALIBRATION_PROPERTY, "on").trim());
    }

    private static String key(ModelSpec spec, int batchSize) {
        return spec + "@" + batchSize;
    }
}

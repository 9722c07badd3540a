package io.sgdscope.trainer.bench;

import io.sgdscope.trainer.model.Batch;
import io.sgdscope.trainer.model.FastExecutor;
import io.sgdscope.trainer.model.Kernels;
import io.sgdscope.trainer.model.ModelSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bare step ({@code ExecutorBenchmark.gradientAndBareUpdate}) on the scalar and the vector
 * kernels, interleaved in one JVM and timed in this thread's CPU time, so a shared, loaded machine
 * moves both alike: rounds alternate which kernels go first, and the report is each round's
 * vector/scalar ratio and their median. Not a JMH benchmark (JMH runs one parameter set after
 * another, and on a loaded machine the load moved between them by more than the effect measured).
 * Run with the test classpath and {@code --add-modules jdk.incubator.vector}; arguments: model
 * specs with 64 inputs (default mlp:64-128-2 and mlp:64-1024-2); -Dbatches=1,256, -Drounds=11,
 * -DsliceMs=300, and -Donly=scalar|vector to run one set alone (for a profiler).
 */
public final class KernelsInterleaved {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = Integer.getInteger("rounds", 11);
    private static final long SLICE_NS = Long.getLong("sliceMs", 300) * 1_000_000;

    private KernelsInterleaved() {
    }

    public static void main(String[] args) {
        String[] specs = args.length > 0 ? args : new String[] {"mlp:64-128-2", "mlp:64-1024-2"};
        int[] batches = Arrays.stream(System.getProperty("batches", "1,256").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Kernels[] kernels = {baseline(), Kernels.vector()};
        System.out.println("kernels: " + kernels[0].name() + " vs " + kernels[1].name());
        for (String text : specs) {
            for (int batchSize : batches) {
                ModelSpec spec = ModelSpec.parse(text);
                Stepper[] steppers = {new Stepper(spec, kernels[0], batchSize), new Stepper(spec, kernels[1], batchSize)};
                for (Stepper s : steppers) {
                    s.rate(SLICE_NS * 5); // warm-up
                }
                String only = System.getProperty("only");
                if (only != null) {
                    // one kernel set alone, e.g. under a profiler
                    Stepper s = steppers[only.equals("scalar") ? 0 : 1];
                    System.out.printf("%s batch %d, %s alone: %.0f steps/s%n", text, batchSize, only,
                            s.rate(SLICE_NS * ROUNDS));
                    continue;
                }
                double[] ratios = new double[ROUNDS];
                double[][] rates = new double[2][ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    int first = r & 1;
                    rates[first][r] = steppers[first].rate(SLICE_NS);
                    rates[1 - first][r] = steppers[1 - first].rate(SLICE_NS);
                    ratios[r] = rates[1][r] / rates[0][r];
                }
                System.out.printf("%s batch %d: scalar %.0f, vector %.0f steps/s (CPU time, medians); "
                                + "vector/scalar median %.2f, range %.2f-%.2f%n", text, batchSize,
                        median(rates[0]), median(rates[1]), median(ratios), min(ratios), max(ratios));
            }
        }
    }

    /** The scalar kernels, or -Dbaseline=CLASS (a Kernels with a public no-argument constructor). */
    private static Kernels baseline() {
        String name = System.getProperty("baseline");
        if (name == null) {
            return Kernels.scalar();
        }
        try {
            return (Kernels) Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("baseline " + name, e);
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElseThrow();
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElseThrow();
    }

    /** One executor's bare steps: loss and gradient, then p -= lr g. */
    private static final class Stepper {
        private final FastExecutor exec;
        private final float[] params;
        private final float[] grad;
        private final float[][] xs = new float[4096][64];
        private final double[] ys = new double[4096];
        private final Batch batch;
        private int next;
        private double sink;

        Stepper(ModelSpec spec, Kernels kernels, int batchSize) {
            exec = new FastExecutor(spec, kernels);
            params = spec.initialParams(1);
            grad = new float[params.length];
            batch = new Batch(batchSize);
            SplittableRandom rng = new SplittableRandom(2);
            for (int r = 0; r < xs.length; r++) {
                double s = 0;
                for (int i = 0; i < 64; i++) {
                    xs[r][i] = (float) rng.nextGaussian();
                    s += (i % 2 == 0 ? 1 : -1) * xs[r][i];
                }
                ys[r] = s > 0 ? 1 : 0;
            }
        }

        /** Steps per second of CPU time, stepping for about {@code cpuNs}. */
        double rate(long cpuNs) {
            long start = THREADS.getCurrentThreadCpuTime();
            long steps = 0;
            long elapsed;
            do {
                for (int k = 0; k < 16; k++) {
                    step();
                }
                steps += 16;
                elapsed = THREADS.getCurrentThreadCpuTime() - start;
            } while (elapsed < cpuNs);
            if (Double.isNaN(sink)) {
                System.out.println("diverged");
            }
            return steps / (elapsed / 1e9);
        }

        private void step() {
            batch.clear();
            for (int i = 0; i < batch.capacity(); i++) {
                batch.add(xs[next], ys[next]);
                next = (next + 1) & (xs.length - 1);
            }
            sink += exec.lossAndGradient(params, batch, grad);
            for (int i = 0; i < params.length; i++) {
                params[i] -= 0.01f * grad[i];
            }
        }
    }
}

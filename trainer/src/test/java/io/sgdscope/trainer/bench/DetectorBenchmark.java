package io.sgdscope.trainer.bench;

import io.sgdscope.trainer.drift.Adwin;
import io.sgdscope.trainer.drift.Ddm;
import io.sgdscope.trainer.drift.HddmA;
import io.sgdscope.trainer.drift.Kswin;
import io.sgdscope.trainer.drift.PageHinkley;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one drift-detector update on a stationary Bernoulli(0.1) error stream, against a
 * baseline of a plain running-mean update in the same run (each benchmark in its own fork). The
 * stream never changes, so ADWIN's window only grows: its worst case. Not run by
 * {@code mvn verify}; see trainer/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class DetectorBenchmark {

    static final int POOL = 1 << 16;
    static final double ERROR_RATE = 0.1;

    private double[] errors;
    private int next;

    private long count;
    private double mean;
    private Adwin adwin;
    private PageHinkley pageHinkley;
    private Ddm ddm;
    private HddmA hddmA;
    private Kswin kswin;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(6);
        errors = new double[POOL];
        for (int i = 0; i < POOL; i++) {
            errors[i] = rng.nextDouble() < ERROR_RATE ? 1 : 0;
        }
        adwin = new Adwin();
        pageHinkley = new PageHinkley();
        ddm = new Ddm();
        hddmA = new HddmA();
        kswin = new Kswin(1);
    }

    private double nextError() {
        double x = errors[next];
        next = (next + 1) & (POOL - 1);
        return x;
    }

    /** The baseline: an incremental mean, what any per-sample statistic costs at least. */
    @Benchmark
    public double runningMean() {
        double x = nextError();
        count++;
        mean += (x - mean) / count;
        return mean;
    }

    @Benchmark
    public boolean adwin() {
        return adwin.update(nextError());
    }

    @Benchmark
    public boolean hddmA() {
        return hddmA.update(nextError());
    }

    /** A Kolmogorov-Smirnov test per update: sorting two windows of 30 and an exact p-value. */
    @Benchmark
    public boolean kswin() {
        return kswin.update(nextError());
    }

    @Benchmark
    public boolean pageHinkley() {
        return pageHinkley.update(nextError());
    }

    @Benchmark
    public boolean ddm() {
        return ddm.update(nextError());
    }
}

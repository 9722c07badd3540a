package io.sgdscope.producers.bench;

import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.producers.scenario.ScenarioSource;
import io.sgdscope.producers.source.LinearTeacherSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generation plus binary encoding, in samples per second on one thread: the bare teacher-linear
 * generator, and the same generator under a scenario with a covariate shift and symmetric label
 * noise (what the publisher really runs). Not a unit test: run it with
 * {@code mvn -o -B -pl producers -am -Pjmh test-compile -Dtest=NoSuchTest} (see producers/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class GenerationBenchmark {

    @Param("64")
    int dimension;

    private final BinarySampleCodec codec = new BinarySampleCodec();
    private final JsonSampleCodec json = new JsonSampleCodec();
    private LinearTeacherSource generator;
    private ScenarioSource scenario;

    @Setup
    public void setUp() {
        generator = new LinearTeacherSource("bench", dimension, 42, () -> 0L);
        RawConfig raw = RawConfig.of(Map.of(
                "source.type", "teacher-linear",
                "phases[0].shift.covariate.mean", "0.5",
                "phases[0].shift.covariate.scale", "2",
                "phases[0].noise.type", "symmetric",
                "phases[0].noise.rate", "0.1"), "benchmark");
        scenario = ScenarioSource.open(raw, new ProduceConfig("bench", dimension, 42, 0, 0), System::currentTimeMillis, e -> { });
    }

    @TearDown
    public void tearDown() {
        scenario.close();
    }

    @Benchmark
    public byte[] generator() {
        return codec.encode(generator.next().orElseThrow());
    }

    @Benchmark
    public byte[] scenarioWithShiftAndNoise() {
        return codec.encode(scenario.next().orElseThrow());
    }

    /** What the publisher does per sample before Kafka: generate under the scenario, encode as JSON for samples.raw. */
    @Benchmark
    public byte[] scenarioWithShiftAndNoiseAsJson() {
        return json.encode(scenario.next().orElseThrow());
    }
}

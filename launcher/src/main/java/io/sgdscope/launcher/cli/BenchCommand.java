package io.sgdscope.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.bench.PipelineBench;
import io.sgdscope.launcher.broker.EmbeddedBrokerConfig;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure, on an embedded broker, the throughput of a Kafka-only passthrough",
                "(produce, Streams copy, consume), of the streams app (produce, validate, join, drift",
                "statistics, consume samples.clean) and of the full pipeline (produce, validate, train),",
                "and their ratios to the passthrough. All use the same samples, broker and exactly-once guarantee."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "200000", description = "Samples per measured run. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100000", description = "Samples per warm-up run (JIT, broker caches). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Measured runs per pipeline, interleaved so drift in the machine hits both alike; the median is reported. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "64", description = "Features per sample. Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || warmup < 0 || dimension < 1 || repeats < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--samples, --repeats and --dimension must be >= 1 and --warmup >= 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path stateDir = Files.createTempDirectory("sgdscope-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedBrokerConfig(0, null, Map.of()))) {
            KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
            PipelineBench bench = new PipelineBench(kafka, stateDir, samples, dimension, seed);
            if (warmup > 0) {
                console.println("warming up with " + warmup + " samples per pipeline ...");
                bench.passthrough(warmup);
                bench.streamsApp(warmup);
                bench.fullPipeline(warmup);
            }
            console.println("measuring " + samples + " samples per pipeline, " + repeats + " runs each, interleaved ...");
            double[] passRuns = new double[repeats];
            double[] appRuns = new double[repeats];
            double[] fullRuns = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                passRuns[i] = bench.passthrough(samples);
                appRuns[i] = bench.streamsApp(samples);
                fullRuns[i] = bench.fullPipeline(samples);
                console.printf("  run %d: passthrough %,.0f, streams app %,.0f, full %,.0f samples/s%n",
                        i + 1, passRuns[i], appRuns[i], fullRuns[i]);
            }
            double passthrough = median(passRuns);
            double app = median(appRuns);
            double full = median(fullRuns);
            double ratio = full / passthrough;
            double appRatio = app / passthrough;
            console.printf("passthrough (Kafka only):  %,12.0f samples/s (median)%n", passthrough);
            console.printf("streams app:               %,12.0f samples/s (median)%n", app);
            console.printf("full pipeline:             %,12.0f samples/s (median)%n", full);
            console.printf("ratio streams app/passthrough: %8.3f (target >= 0.70)%n", appRatio);
            console.printf("ratio full/passthrough:    %12.3f%n", ratio);
            if (out != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("timestamp", Instant.now().toString());
                json.put("samples", samples);
                json.put("warmupSamples", warmup);
                json.put("dimension", dimension);
                json.put("processingGuarantee", "exactly_once_v2");
                json.put("repeats", repeats);
                json.put("passthroughRuns", passRuns);
                json.put("streamsAppRuns", appRuns);
                json.put("fullPipelineRuns", fullRuns);
                json.put("streamsAppSamplesPerSecond", app);
                json.put("ratioStreamsAppToPassthrough", appRatio);
                json.put("passthroughSamplesPerSecond", passthrough);
                json.put("fullPipelineSamplesPerSecond", full);
                json.put("ratioFullToPassthrough", ratio);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
                console.println("wrote " + out);
            }
        } finally {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        }
        return 0;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

package io.sgdscope.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.bench.PipelineBench;
import io.sgdscope.launcher.bench.ProducerBench;
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
                "(produce, Streams copy, consume) and of the full pipeline (produce, validate, train),",
                "and their ratio. Both use the same samples, broker and exactly-once guarantee.",
                "Then the sgdscope publisher (generate, encode, send) against a plain KafkaProducer",
                "sending the same samples pre-encoded, and their ratio."})
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

    /** Which benchmarks run. */
    enum Part { ALL, PIPELINE, PRODUCER }

    @Option(names = "--only", paramLabel = "PART", defaultValue = "all",
            description = "Run only one benchmark: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            converter = PartConverter.class, completionCandidates = PartNames.class)
    Part only;

    static final class PartConverter implements picocli.CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return Part.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class PartNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("all", "pipeline", "producer").iterator();
        }
    }

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
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timestamp", Instant.now().toString());
            json.put("samples", samples);
            json.put("warmupSamples", warmup);
            json.put("dimension", dimension);
            json.put("repeats", repeats);
            if (only != Part.PRODUCER) {
                pipelines(kafka, stateDir, console, json);
            }
            if (only != Part.PIPELINE) {
                producers(kafka, console, json);
            }
            if (out != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
                console.println("wrote " + out);
            }
        } finally {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        }
        return 0;
    }

    private void producers(KafkaClientConfig kafka, PrintWriter console, Map<String, Object> json) {
        ProducerBench bench = new ProducerBench(kafka, samples, dimension, seed);
        if (warmup > 0) {
            console.println("warming up the producers with " + warmup + " samples each ...");
            bench.plain(warmup);
            bench.publisher(warmup);
        }
        console.printf("measuring the producers: %d samples of %.0f bytes, %d runs each, interleaved ...%n",
                samples, bench.meanRecordBytes(), repeats);
        double[] plainRuns = new double[repeats];
        double[] publisherRuns = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            plainRuns[i] = bench.plain(samples);
            publisherRuns[i] = bench.publisher(samples);
            console.printf("  run %d: plain %,.0f, publisher %,.0f samples/s%n", i + 1, plainRuns[i], publisherRuns[i]);
        }
        double plain = median(plainRuns);
        double publisher = median(publisherRuns);
        console.printf("plain KafkaProducer (pre-encoded): %,12.0f samples/s (median)%n", plain);
        console.printf("sgdscope publisher:                %,12.0f samples/s (median)%n", publisher);
        console.printf("ratio publisher/plain:             %12.3f%n", publisher / plain);
        double encoding = bench.jsonEncodingOnly(samples);
        console.printf("JSON encoding alone, one thread:   %,12.0f samples/s (the publisher's extra work per sample)%n",
                encoding);
        json.put("jsonEncodingOnlySamplesPerSecond", encoding);
        json.put("producerRecordBytes", bench.meanRecordBytes());
        json.put("plainProducerRuns", plainRuns);
        json.put("publisherRuns", publisherRuns);
        json.put("plainProducerSamplesPerSecond", plain);
        json.put("publisherSamplesPerSecond", publisher);
        json.put("ratioPublisherToPlain", publisher / plain);
    }

    private void pipelines(KafkaClientConfig kafka, Path stateDir, PrintWriter console, Map<String, Object> json)
            throws Exception {
        PipelineBench bench = new PipelineBench(kafka, stateDir, samples, dimension, seed);
        if (warmup > 0) {
            console.println("warming up with " + warmup + " samples per pipeline ...");
            bench.passthrough(warmup);
            bench.fullPipeline(warmup);
        }
        console.println("measuring " + samples + " samples per pipeline, " + repeats + " runs each, interleaved ...");
        double[] passRuns = new double[repeats];
        double[] fullRuns = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            passRuns[i] = bench.passthrough(samples);
            fullRuns[i] = bench.fullPipeline(samples);
            console.printf("  run %d: passthrough %,.0f, full %,.0f samples/s%n", i + 1, passRuns[i], fullRuns[i]);
        }
        double passthrough = median(passRuns);
        double full = median(fullRuns);
        double ratio = full / passthrough;
        console.printf("passthrough (Kafka only):  %,12.0f samples/s (median)%n", passthrough);
        console.printf("full pipeline:             %,12.0f samples/s (median)%n", full);
        console.printf("ratio full/passthrough:    %12.3f%n", ratio);
        json.put("processingGuarantee", "exactly_once_v2");
        json.put("passthroughRuns", passRuns);
        json.put("fullPipelineRuns", fullRuns);
        json.put("passthroughSamplesPerSecond", passthrough);
        json.put("fullPipelineSamplesPerSecond", full);
        json.put("ratioFullToPassthrough", ratio);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

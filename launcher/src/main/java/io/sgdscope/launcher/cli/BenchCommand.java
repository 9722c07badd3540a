package io.sgdscope.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.launcher.bench.Comparison;
import io.sgdscope.trainer.insight.InsightConfig;
import io.sgdscope.trainer.model.Kernels;
import io.sgdscope.trainer.predict.PredictionsConfig;
import io.sgdscope.launcher.bench.IngestBench;
import io.sgdscope.launcher.bench.PipelineBench;
import io.sgdscope.launcher.bench.ProducerBench;
import io.sgdscope.producers.ProduceConfig;
import io.sgdscope.launcher.bench.TrainerBench;
import io.sgdscope.launcher.bench.TrainerScaling;
import io.sgdscope.launcher.broker.EmbeddedBrokerConfig;
import io.sgdscope.launcher.broker.EmbeddedKafkaBroker;
import io.sgdscope.streams.StreamsAppConfig;
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
        description = {"Measure, on an embedded broker, each part of sgdscope against a plain-Kafka baseline",
                "in the same run, and report the ratios: pipeline (full pipeline vs a Streams passthrough),",
                "streams (the streams app vs the passthrough, same guarantee), producer (the publisher vs a",
                "plain KafkaProducer), trainer (the trainer vs a bare consumer) and trainer-metrics (the",
                "trainer of an mlp with its model metrics on vs off; -max: at their highest rate) and predictions",
                "(the trainer publishing the predictions of unlabelled samples vs not, half the labels delayed),",
                "ingest (the streams app on 20-field foreign JSON through an ingest: mapping vs on its own JSON),",
                "trainer-step (the trainer of an mlp, metrics on, vs its bare batch-1 step), trainer-variants",
                "(model steps per second with --variants variants vs 1, and per variant in samples per second).",
                "trainer-scaling: a table of the trainer's rate with 1, 2, 4 and 8 variants of linear:D-2 and",
                "mlp:D-128-2, and with one mlp:D-H-2 for H = 64 to 1,024 (cost per sample against H/64).",
                "pipeline-kafka: the full pipeline vs a plain producer and a plain consumer of the same bytes (binary samples,",
                "the publisher's default format).",
                "latency: p50/p99 produce-to-trained latency at half the maximum rate measured first in the same",
                "run, exactly-once and at-least-once (streams.processing-guarantee). Exactly-once elsewhere."})
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

    @Option(names = "--model", paramLabel = "SPEC",
            description = "Model of the trainer comparison (batch 1). Default: linear:D-2, D the dimension.")
    String model;

    @Option(names = "--variants", paramLabel = "N", defaultValue = "8",
            description = "Variants of the trainer-variants comparison (against 1). Default: ${DEFAULT-VALUE}.")
    int variants;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON here.")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Run only these comparisons: pipeline, pipeline-kafka, latency, streams, producer, producer-json, trainer, trainer-metrics, trainer-metrics-max, trainer-step, trainer-variants, trainer-scaling, predictions, ingest. Default: all.")
    java.util.List<String> only;

    @Option(names = "--partitions", paramLabel = "N", split = ",",
            description = {"Measure scale-out instead: the streams app (validate, join, drift statistics) with every topic of",
                    "N partitions (a list, e.g. 1,2,4), 1 to N instances sharing one application id, over --streams",
                    "streams; and one stream alone over N partitions (its ceiling). One run per point after a warm-up."})
    java.util.List<Integer> partitions;

    @Option(names = "--commit-interval", paramLabel = "D", split = ",", converter = DurationConverter.class,
            description = {"The streams app's streams.commit-interval in the latency runs (a list, e.g. 100ms,50ms,25ms:",
                    "one row per interval and guarantee) and, the first of them, in pipeline-kafka: the knob that",
                    "trades exactly-once latency for throughput. Default: the app's default."})
    java.util.List<java.time.Duration> commitIntervals;

    @Option(names = "--streams", paramLabel = "S", defaultValue = "8",
            description = "Streams the --partitions samples are spread over. Default: ${DEFAULT-VALUE}.")
    int streams;

    private static final String LATENCY = "latency";
    private static final String TRAINER_SCALING = "trainer-scaling";

    /**
     * For each guarantee: the full pipeline's maximum rate (the median of three runs after a warm-up),
     * then one run paced at half of it, reporting produce-to-trained p50, p99 and max against the
     * issue's targets.
     */
    private java.util.List<Map<String, Object>> latency(KafkaClientConfig kafka, Path stateDir, PrintWriter console)
            throws InterruptedException {
        PipelineBench bench = new PipelineBench(kafka, stateDir, Math.max(samples, warmup), dimension, seed,
                ProduceConfig.Format.BINARY);
        Map<StreamsAppConfig.ProcessingGuarantee, Integer> targetsMs = new LinkedHashMap<>();
        targetsMs.put(StreamsAppConfig.ProcessingGuarantee.EXACTLY_ONCE_V2, 150);
        targetsMs.put(StreamsAppConfig.ProcessingGuarantee.AT_LEAST_ONCE, 30);
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        console.printf("[latency] produce -> trained at half the full pipeline's maximum rate%n");
        java.util.List<java.time.Duration> intervals = commitIntervals != null ? commitIntervals
                : java.util.Collections.singletonList(null);
        for (java.time.Duration interval : intervals) {
            bench.withCommitInterval(interval);
            String commit = interval == null ? "default commit interval" : "commit interval " + interval.toMillis() + " ms";
            for (var target : targetsMs.entrySet()) {
                if (warmup > 0) {
                    bench.fullPipeline(warmup, target.getKey());
                }
                // the median of three: one run's maximum moved by 3x here, and half of a low one is no test
                double[] maxima = {bench.fullPipeline(samples, target.getKey()), bench.fullPipeline(samples, target.getKey()),
                        bench.fullPipeline(samples, target.getKey())};
                java.util.Arrays.sort(maxima);
                double max = maxima[1];
                PipelineBench.Latency l = bench.latency(samples, max / 2, target.getKey());
                console.printf("  %s, %s: max %,.0f/s; at %,.0f/s p50 %.0f ms, p99 %.0f ms (target <= %d ms), max %.0f ms,"
                                + " over %,d samples%n", target.getKey().name().toLowerCase(java.util.Locale.ROOT), commit,
                        max, l.offeredPerSecond(), l.p50Ms(), l.p99Ms(), target.getValue(), l.maxMs(), l.measured());
                console.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("processingGuarantee", target.getKey().name().toLowerCase(java.util.Locale.ROOT));
                row.put("commitIntervalMs", interval == null ? null : interval.toMillis());
                row.put("maxPerSecond", max);
                row.put("offeredPerSecond", l.offeredPerSecond());
                row.put("p50Ms", l.p50Ms());
                row.put("p99Ms", l.p99Ms());
                row.put("maxMs", l.maxMs());
                row.put("measuredSamples", l.measured());
                row.put("targetP99Ms", target.getValue());
                rows.add(row);
            }
        }
        return rows;
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.put(key, value);
        return m;
    }

    /**
     * One row per (partitions, instances, streams): samples/s through the streams app. Instances run
     * 1 and N (and 2 between), each point once, after one warm-up run on the first layout.
     */
    private java.util.List<Map<String, Object>> scaleOut(KafkaClientConfig kafka, Path stateDir, PrintWriter console)
            throws InterruptedException {
        if (streams < 1 || partitions.stream().anyMatch(p -> p < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--partitions and --streams must be >= 1");
        }
        PipelineBench bench = new PipelineBench(kafka, stateDir, 1, dimension, seed);
        if (warmup > 0) {
            bench.streamsAppScaled(warmup, partitions.get(0), 1, streams);
        }
        console.printf("%-10s %-9s %-7s %12s%n", "partitions", "instances", "streams", "samples/s");
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int n : partitions) {
            java.util.SortedSet<Integer> counts = new java.util.TreeSet<>(java.util.List.of(1, Math.min(2, n), n));
            for (int instances : counts) {
                rows.add(point(bench, n, instances, streams, console));
            }
            if (streams > 1) {
                rows.add(point(bench, n, n, 1, console)); // one stream: one partition does all the work
            }
        }
        return rows;
    }

    private Map<String, Object> point(PipelineBench bench, int n, int instances, int streamCount, PrintWriter console)
            throws InterruptedException {
        double rate = bench.streamsAppScaled(samples, n, instances, streamCount);
        console.printf("%-10d %-9d %-7d %,12.0f%n", n, instances, streamCount, rate);
        console.flush();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("partitions", n);
        row.put("instances", instances);
        row.put("streams", streamCount);
        row.put("samplesPerSecond", rate);
        return row;
    }

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || warmup < 0 || dimension < 1 || repeats < 1 || variants < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--samples, --repeats, --dimension and --variants must be >= 1 and --warmup >= 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path stateDir = Files.createTempDirectory("sgdscope-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedBrokerConfig(0, null, Map.of()))) {
            KafkaClientConfig kafka = new KafkaClientConfig(broker.bootstrapServers(), Map.of());
            Map<String, java.util.concurrent.Callable<Comparison>> all = new LinkedHashMap<>();
            all.put("pipeline", () -> {
                PipelineBench bench = new PipelineBench(kafka, stateDir, Math.max(samples, warmup), dimension, seed);
                return new Comparison("pipeline", "passthrough (produce, Streams copy, consume)", bench::passthrough,
                        "full pipeline (produce, validate, train)", bench::fullPipeline);
            });
            all.put("pipeline-kafka", () -> {
                // in the publisher's default format (binary), as a default deployment carries them
                PipelineBench bench = new PipelineBench(kafka, stateDir, Math.max(samples, warmup), dimension, seed,
                        ProduceConfig.Format.BINARY).withCommitInterval(commitIntervals == null ? null : commitIntervals.get(0));
                return new Comparison("pipeline-kafka", "plain producer -> plain consumer (same bytes)",
                        bench::plainProduceConsume, "full pipeline (produce, validate, train), exactly-once",
                        bench::fullPipeline);
            });
            all.put("streams", () -> {
                PipelineBench bench = new PipelineBench(kafka, stateDir, Math.max(samples, warmup), dimension, seed);
                return new Comparison("streams", "passthrough (produce, Streams copy, consume)", bench::passthrough,
                        "streams app (produce, validate, join, drift statistics, consume)", bench::streamsApp);
            });
            for (ProduceConfig.Format format : ProduceConfig.Format.values()) {
                String name = format == ProduceConfig.Format.BINARY ? "producer" : "producer-json";
                all.put(name, () -> {
                    ProducerBench bench = new ProducerBench(kafka, Math.max(samples, warmup), dimension, seed, format);
                    console.printf("[%s] records of %.0f bytes; %s encoding alone on one thread: %,.0f samples/s%n",
                            name, bench.meanRecordBytes(), format, bench.encodingOnly(samples));
                    return new Comparison(name, "plain KafkaProducer (pre-encoded records of the same size)",
                            bench::plain, "sgdscope publisher (generate, encode " + format + ", send)", bench::publisher);
                });
            }
            all.put("trainer", () -> {
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                String trained = model != null ? model : "linear:" + dimension + "-2";
                return new Comparison("trainer", "bare consumer", n -> bench.bareConsumer(),
                        "trainer " + trained, n -> bench.trainer(trained));
            });
            all.put("trainer-metrics", () -> {
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                String model = "mlp:" + dimension + "-128-2";
                return new Comparison("trainer-metrics", "trainer " + model + ", metrics off",
                        n -> bench.trainer(model, false), "trainer " + model + ", metrics at the default cadence",
                        n -> bench.trainer(model, true));
            });
            all.put("trainer-metrics-max", () -> {
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                String model = "mlp:" + dimension + "-128-2";
                // no minimum interval: a snapshot every 1,000 steps, as fast as the metrics thread can take them
                return new Comparison("trainer-metrics-max", "trainer " + model + ", metrics off",
                        n -> bench.trainer(model, false), "trainer " + model + ", metrics every 1,000 steps, no interval",
                        n -> bench.trainer(model, Map.of(InsightConfig.EVERY_STEPS, "1000",
                                InsightConfig.MIN_INTERVAL, "0s")));
            });
            all.put("trainer-step", () -> {
                // the trainer at batch 1 with metrics on, against its model's bare step (no Kafka, no watchers)
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                String trained = model != null ? model : "mlp:" + dimension + "-128-2";
                return new Comparison("trainer-step", "bare step of " + trained + " (batch 1, auto executor, "
                        + Kernels.active().name() + " kernels)",
                        n -> bench.bareStep(trained, n), "trainer " + trained + ", metrics at the default cadence",
                        n -> bench.trainer(trained, true));
            });
            all.put("trainer-variants", () -> {
                // model steps per second: samples/s times the variants trained on each
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                String trained = model != null ? model : "mlp:" + dimension + "-128-2";
                return new Comparison("trainer-variants", "trainer " + trained + ", 1 variant, model steps",
                        n -> bench.trainerVariants(trained, 1), "the same, " + variants + " variants, model steps",
                        n -> bench.trainerVariants(trained, variants),
                        new Comparison.PerUnit("per variant (samples/s " + variants + " vs 1)", variants));
            });
            all.put("predictions", () -> {
                // every other sample arrives unlabelled and is joined 100 samples later, as the streams app sends them
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed, 100);
                String trained = model != null ? model : "linear:" + dimension + "-2";
                Map<String, String> off = Map.of(InsightConfig.ENABLED, "false");
                return new Comparison("predictions", "trainer " + trained + ", half the labels delayed, "
                        + PredictionsConfig.MODE + "=none",
                        n -> bench.trainer(trained, with(off, PredictionsConfig.MODE, "none")),
                        "the same, " + PredictionsConfig.MODE + "=unlabelled (published on predictions)",
                        n -> bench.trainer(trained, with(off, PredictionsConfig.MODE, "unlabelled")));
            });
            all.put("ingest", () -> {
                IngestBench bench = new IngestBench(kafka, stateDir, Math.max(samples, warmup), seed);
                return new Comparison("ingest", "streams app on sgdscope JSON samples of dimension "
                        + IngestBench.DIMENSION, bench::ownSamples, "streams app on 20-field foreign JSON events "
                        + "through an ingest: mapping (" + IngestBench.DIMENSION + " features)", bench::ingested);
            });
            if (partitions != null) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("timestamp", Instant.now().toString());
                json.put("samples", samples);
                json.put("streams", streams);
                json.put("processingGuarantee", "exactly_once_v2");
                json.put("scaleOut", scaleOut(kafka, stateDir, console));
                if (out != null) {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
                    console.println("wrote " + out);
                }
                return 0;
            }
            java.util.Set<String> names = new java.util.LinkedHashSet<>(all.keySet());
            names.add(LATENCY);
            names.add(TRAINER_SCALING);
            if (only != null && !names.containsAll(only)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--only takes " + String.join(", ", names) + "; got " + only);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timestamp", Instant.now().toString());
            json.put("samples", samples);
            json.put("warmupSamples", warmup);
            json.put("dimension", dimension);
            json.put("processingGuarantee", "exactly_once_v2");
            json.put("repeats", repeats);
            console.println("measuring " + samples + " samples per run, " + repeats + " runs each, interleaved, after "
                    + warmup + " warm-up samples");
            for (var entry : all.entrySet()) {
                if (only == null || only.contains(entry.getKey())) {
                    json.put(entry.getKey(), entry.getValue().call().run(samples, warmup, repeats, console));
                }
            }
            if (only == null || only.contains(TRAINER_SCALING)) {
                TrainerBench bench = new TrainerBench(kafka, samples, dimension, seed);
                json.put(TRAINER_SCALING, new TrainerScaling(dimension, bench::trainerVariantSamples)
                        .run(repeats, warmup > 0, console));
            }
            if (only == null || only.contains(LATENCY)) {
                json.put(LATENCY, latency(kafka, stateDir, console));
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
}

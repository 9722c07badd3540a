package io.sgdscope.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.streams.ingest.IngestConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cost of the ingest stage: the streams app on 20-field foreign JSON events through an
 * {@code ingest:} mapping, against the streams app on sgdscope's own JSON samples of the same
 * dimension, in the same run. The events have {@value #NUMERIC} numeric fields and {@value #CATEGORICAL}
 * categorical ones of {@value #LEVELS} values each, one-hot encoded: {@value #DIMENSION} features.
 */
public final class IngestBench {

    static final int NUMERIC = 14;
    static final int CATEGORICAL = 6;
    static final int LEVELS = 3;
    public static final int DIMENSION = NUMERIC + CATEGORICAL * LEVELS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineBench own;
    private final PipelineBench foreign;

    public IngestBench(KafkaClientConfig kafka, Path stateDir, int samples, long seed) {
        this.own = new PipelineBench(kafka, stateDir, samples, DIMENSION, seed);
        this.foreign = new PipelineBench(kafka, stateDir, events(samples, seed), DIMENSION);
    }

    public double ownSamples(int n) throws InterruptedException {
        return own.streamsApp(n);
    }

    public double ingested(int n) throws InterruptedException {
        return foreign.streamsAppWithIngest(n, IngestBench::mapping);
    }

    /** The mapping of the events on {@code topic}: every numeric field as it is, every categorical one one-hot. */
    static IngestConfig mapping(String topic) {
        StringBuilder yaml = new StringBuilder("ingest:\n  - from: ").append(topic).append("""

                    format: json
                    id: /id
                    stream: bench
                    timestamp: /ts
                    label: { field: /y, classes: [0, 1] }
                    features:
                """);
        for (int i = 0; i < NUMERIC; i++) {
            yaml.append("      - { field: /x").append(i).append(" }\n");
        }
        for (int i = 0; i < CATEGORICAL; i++) {
            yaml.append("      - { field: /c").append(i).append(", one-hot: [a, b, c] }\n");
        }
        return IngestConfig.from(RawConfig.fromYaml(new ByteArrayInputStream(
                yaml.toString().getBytes(StandardCharsets.UTF_8)), "ingest bench"));
    }

    /** 20-field events, event times one millisecond apart ending now, labelled by a linear rule. */
    static List<byte[]> events(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long start = System.currentTimeMillis() - n;
        String[] levels = {"a", "b", "c"};
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode e = JSON.createObjectNode();
            e.put("id", "e-" + i);
            e.put("ts", start + i);
            double z = 0;
            for (int j = 0; j < NUMERIC; j++) {
                double x = rng.nextGaussian();
                z += (j % 2 == 0 ? 1 : -1) * x;
                e.put("x" + j, x);
            }
            for (int j = 0; j < CATEGORICAL; j++) {
                e.put("c" + j, levels[rng.nextInt(LEVELS)]);
            }
            e.put("y", z > 0 ? 1 : 0);
            out.add(e.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}

package io.sgdscope.ingest.bench;

import io.sgdscope.common.Label;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.ingest.CompiledMapping;
import io.sgdscope.ingest.IngestRecord;
import io.sgdscope.ingest.IngestSpecs;
import io.sgdscope.ingest.MappingOutcome;
import io.sgdscope.ingest.VocabularyState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * Mapping a 20-field foreign JSON event (id, timestamp, label, nested numbers, three categoricals, a
 * hashed merchant) onto a sample, against decoding sgdscope's own JSON sample of the same dimension
 * with {@link JsonSampleCodec}, in the same run. Both read bytes and return a {@link Sample}; the ratio
 * {@code decodeOwnJson / mapForeignJson} (of average times) is the ingest path's relative throughput
 * for this step. Not run by {@code mvn verify}; see ingest/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class IngestBenchmark {

    static final int POOL = 1024;
    static final String[] CHANNELS = {"web", "app", "pos"};
    static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL", "PL"};
    static final String[] DEVICES = {"ios", "android", "desktop"};

    static final String MAPPING = """
            ingest:
              - from: payments
                id: /txn_id
                timestamp: /ts
                label: {field: /is_fraud, classes: [false, true]}
                features:
                  - {field: /amount, transform: log1p}
                  - {field: /fee}
                  - {field: /items}
                  - {field: /discount, missing: 0}
                  - {field: /user/age, clip: [0, 120]}
                  - {field: /user/tenure_days, transform: sqrt}
                  - {field: /user/orders}
                  - {field: /user/verified}
                  - {field: /geo/lat}
                  - {field: /geo/lon}
                  - {field: /session/pages}
                  - {field: /session/seconds, transform: log1p}
                  - {field: /risk/score, scale: {mean: 0.5, sd: 0.3}}
                  - {field: /risk/velocity}
                  - {field: /channel, one-hot: [web, app, pos], other: true}
                  - {field: /user/country, one-hot: [DE, FR, IT, ES, NL, PL], other: true}
                  - {field: /device, one-hot: [ios, android, desktop]}
                  - {field: /merchant, hash: {bits: 4}}
            """;

    private CompiledMapping mapping;
    private IngestRecord[] foreign;
    private byte[][] own;
    private final JsonSampleCodec codec = new JsonSampleCodec();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        mapping = CompiledMapping.compile(IngestSpecs.parse(RawConfig.fromYaml(
                new ByteArrayInputStream(MAPPING.getBytes(StandardCharsets.UTF_8)), "bench")).get(0));
        SplittableRandom rng = new SplittableRandom(14);
        foreign = new IngestRecord[POOL];
        own = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            String json = String.format(Locale.ROOT, "{\"txn_id\":\"t-%d\",\"ts\":\"2026-11-30T10:%02d:%02dZ\","
                            + "\"is_fraud\":%b,\"amount\":%.2f,\"fee\":%.2f,\"items\":%d,\"discount\":%.2f,"
                            + "\"user\":{\"age\":%d,\"tenure_days\":%d,\"orders\":%d,\"verified\":%b,\"country\":\"%s\"},"
                            + "\"geo\":{\"lat\":%.5f,\"lon\":%.5f},\"session\":{\"pages\":%d,\"seconds\":%d},"
                            + "\"risk\":{\"score\":%.4f,\"velocity\":%.3f},\"channel\":\"%s\",\"device\":\"%s\","
                            + "\"merchant\":\"m%d\"}",
                    i, (i / 60) % 60, i % 60, rng.nextDouble() < 0.05, rng.nextDouble() * 500, rng.nextDouble() * 5,
                    1 + rng.nextInt(9), rng.nextDouble() * 20, 18 + rng.nextInt(70), rng.nextInt(3000), rng.nextInt(200),
                    rng.nextBoolean(), COUNTRIES[rng.nextInt(6)], 40 + rng.nextDouble() * 15, rng.nextDouble() * 20,
                    1 + rng.nextInt(40), rng.nextInt(3600), rng.nextDouble(), rng.nextDouble() * 3,
                    CHANNELS[rng.nextInt(3)], DEVICES[rng.nextInt(3)], rng.nextInt(500));
            foreign[i] = new IngestRecord("payments", 0, i, 1_700_000_000_000L, null, json.getBytes(StandardCharsets.UTF_8));
            MappingOutcome o = mapping.map(foreign[i], VocabularyState.NONE);
            if (!(o instanceof MappingOutcome.Mapped m)) {
                throw new IllegalStateException("the benchmark's event does not map: " + o);
            }
            // the same sample, as sgdscope's own producers would write it
            Sample s = m.sample();
            own[i] = codec.encode(new Sample(s.id(), "payments", s.eventTimeMs(), s.features(),
                    s.label() == null ? Label.ofClass(0) : s.label(), null, i));
        }
    }

    /** The feature dimension both sides carry (printed by the setup check in the README figure). */
    public int dimension() {
        return mapping.dimension();
    }

    @Benchmark
    public Object mapForeignJson() {
        IngestRecord r = foreign[next];
        next = (next + 1) & (POOL - 1);
        return mapping.map(r, VocabularyState.NONE);
    }

    @Benchmark
    public Object decodeOwnJson() {
        byte[] b = own[next];
        next = (next + 1) & (POOL - 1);
        return codec.decode(b);
    }
}

package io.sgdscope.streams.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgdscope.common.Label;
import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.codec.SampleDecodeException;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.streams.support.AppDriver;
import io.sgdscope.streams.validation.DlqReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Fuzzed and nearly valid records through the decoders and through the production topology
 * ({@code StreamsTopology.build} with the real config classes) on a {@code TopologyTestDriver}.
 *
 * <p>Nothing may throw out of a decoder but {@link SampleDecodeException}, and nothing may throw out
 * of the topology. Every record is accounted for: a sample record comes out exactly once, either on
 * {@code samples.clean} (its first, not joined, copy) or on the DLQ with a reason, the source
 * offset that names it and its original bytes; a label record either joins (a joined copy, or the
 * label of a sample that arrived after it) or goes to the DLQ. At the end stream time is moved past
 * every join window, so nothing is left waiting: each sample that went on unlabelled was either
 * joined or missed (on {@code samples.unlabeled}).
 */
class TopologyFuzzTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Set<String> REASONS = Arrays.stream(DlqReason.values()).map(DlqReason::code).collect(Collectors.toSet());

    private final JsonSampleCodec json = new JsonSampleCodec();
    private final BinarySampleCodec binary = new BinarySampleCodec();
    private final JsonLabelCodec labelJson = new JsonLabelCodec();

    /** A config the topology runs with, and the shape of the valid records for it. */
    record Setup(String name, Map<String, String> settings, int dimension, int classes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Production defaults (64 features, everything learned, a 10-minute join window), and a small strict one. */
    private static final List<Setup> SETUPS = List.of(
            new Setup("defaults", Map.of(), 64, 3),
            new Setup("strict", Map.of("streams.feature-dimension", "4", "streams.classes", "3", "streams.join.window", "2s",
                    "streams.standardize", "true", "streams.drift.window", "1s"), 4, 3));

    /** One input: true for samples.raw, false for labels.raw. */
    record Input(boolean sample, NearValidRecords.Stamped record) {
    }

    @Provide
    Arbitrary<Tuple2<Setup, List<Input>>> runs() {
        return Arbitraries.of(SETUPS).flatMap(setup -> {
            NearValidRecords gen = new NearValidRecords(setup.dimension(), setup.classes());
            Arbitrary<Input> input = Arbitraries.frequencyOf(
                    Tuple.of(3, gen.samples().map(r -> new Input(true, r))),
                    Tuple.of(2, gen.labels().map(r -> new Input(false, r))));
            return input.list().ofMinSize(20).ofMaxSize(80).map(l -> Tuple.of(setup, l));
        });
    }

    @Provide
    Arbitrary<byte[]> anyRecord() {
        NearValidRecords gen = new NearValidRecords(4, 3);
        return Arbitraries.oneOf(gen.samples(), gen.labels()).map(s -> s.bytes(T0));
    }

    @Property(tries = 2000)
    void decodersEitherDecodeOrSayWhyNot(@ForAll("anyRecord") byte[] bytes) {
        decodeOrRefuse(() -> json.decode(bytes));
        decodeOrRefuse(() -> binary.decode(bytes));
        decodeOrRefuse(() -> labelJson.decode(bytes));
    }

    private static void decodeOrRefuse(Runnable decode) {
        try {
            decode.run();
        } catch (SampleDecodeException e) {
            assertThat(e.error()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
        // anything else propagates and fails the property
    }

    @Property(tries = 25)
    void everyRecordIsACleanSampleOrADlqRecordWithAReason(@ForAll("runs") Tuple2<Setup, List<Input>> run) {
        runThroughTheTopology(run);
        // the generator must reach every path, or the accounting above proves little
        Statistics.label("clean").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("dlq").coverage(c -> c.check(true).percentage(p -> p > 50));
        Statistics.label("joined").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    private void runThroughTheTopology(Tuple2<Setup, List<Input>> run) {
        Setup setup = run.get1();
        Path stateDir = tempDir();
        try (AppDriver app = new AppDriver(setup.settings(), stateDir)) {
            List<byte[]> raw = new ArrayList<>();
            List<byte[]> labels = new ArrayList<>();
            long ts = T0;
            for (Input in : run.get2()) {
                ts += 100;
                byte[] bytes = in.record().bytes(ts);
                if (in.sample()) {
                    raw.add(bytes);
                    app.raw.pipeInput(NearValidRecords.STREAMS.get(raw.size() % 2), bytes, ts);
                } else {
                    labels.add(bytes);
                    app.labels.pipeInput("k", bytes, ts);
                }
            }
            // stream time past every join window (event times are at most max-future ahead of their record):
            // an unlabelled sample and its label, both valid, with an id the generator never uses, on a stream of its
            // own (a generated stream may have learned regression, which would refuse the flush's class label)
            long end = ts + 86_400_000L;
            float[] x = new float[setup.dimension()];
            Sample last = new Sample("flush", "flush", end, x, null, null);
            raw.add(json.encode(last));
            app.raw.pipeInput("flush", raw.get(raw.size() - 1), end);
            labels.add(labelJson.encode(new LabelRecord("flush", "flush", Label.ofClass(0), end)));
            app.labels.pipeInput("flush", labels.get(labels.size() - 1), end);

            account(app, setup, raw, labels);
        } finally {
            deleteTree(stateDir);
        }
    }

    private static void account(AppDriver app, Setup setup, List<byte[]> raw, List<byte[]> labels) {
        String rawTopic = app.topics.samplesRawBytes().name();
        String labelTopic = app.topics.labelsRawBytes().name();
        Set<String> dlqSources = new HashSet<>();
        int dlqRaw = 0;
        int dlqLabels = 0;
        for (TestRecord<String, byte[]> r : app.dlq.readRecordsToList()) {
            assertThat(AppDriver.reason(r)).as("reason header").isIn(REASONS);
            assertThat(AppDriver.header(r, DlqHeaders.MESSAGE)).as("message header").isNotBlank();
            String topic = AppDriver.header(r, DlqHeaders.SOURCE_TOPIC);
            int offset = Integer.parseInt(AppDriver.header(r, DlqHeaders.SOURCE_OFFSET));
            assertThat(dlqSources.add(topic + "@" + offset)).as("one DLQ record per input, " + topic + "@" + offset).isTrue();
            List<byte[]> inputs = topic.equals(rawTopic) ? raw : topic.equals(labelTopic) ? labels : null;
            assertThat(inputs).as("source topic " + topic).isNotNull();
            assertThat(r.value()).as("the original bytes of " + topic + "@" + offset).isEqualTo(inputs.get(offset));
            if (inputs == raw) {
                dlqRaw++;
            } else {
                dlqLabels++;
            }
        }
        List<Sample> clean = app.clean.readValuesToList();
        boolean learnsTask = !setup.settings().containsKey("streams.classes");
        Map<String, Class<?>> taskOf = new HashMap<>();
        for (Sample s : clean) {
            assertThat(s.dimension()).as("dimension of " + s).isEqualTo(setup.dimension());
            for (float f : s.features()) {
                assertThat(Float.isFinite(f)).as("finite features in " + s).isTrue();
            }
            if (s.label() == null) {
                continue;
            }
            assertThat(Double.isFinite(s.label().asDouble())).as("finite label in " + s).isTrue();
            // a learned task is whatever kind of label came first, but one kind per stream, from its samples and its labels
            Class<?> first = taskOf.putIfAbsent(s.stream(), s.label().getClass());
            assertThat(s.label()).as("the labels of stream " + s.stream() + " are of one kind")
                    .isInstanceOf(first == null ? s.label().getClass() : first);
            if (!learnsTask || s.label() instanceof Label.ClassIndex) {
                assertThat(s.label()).isInstanceOf(Label.ClassIndex.class);
                int limit = learnsTask ? Integer.MAX_VALUE : setup.classes();
                assertThat(((Label.ClassIndex) s.label()).index()).isBetween(0, limit - 1);
            }
        }
        long cleanFirst = clean.stream().filter(s -> !s.joined()).count();
        long cleanJoined = clean.stream().filter(Sample::joined).count();
        long wentOnUnlabelled = clean.stream().filter(s -> !s.isLabelled()).count();
        long missed = app.unlabeled.readValuesToList().size();
        long labelsUsed = app.stats.join().joined(); // joined copies plus labels that were waiting for their sample

        assertThat(cleanFirst + dlqRaw).as("every sample record: clean once or DLQ").isEqualTo(raw.size());
        assertThat(labelsUsed + dlqLabels).as("every label record: joined or DLQ").isEqualTo(labels.size());
        assertThat(cleanJoined).as("joined copies are among the labels used").isLessThanOrEqualTo(labelsUsed);
        assertThat(cleanJoined + missed).as("each sample that went on unlabelled was joined or missed")
                .isEqualTo(wentOnUnlabelled);
        // the flush sample is always clean and joined: count the fuzzed records only
        Statistics.label("clean").collect(cleanFirst > 1);
        Statistics.label("dlq").collect(dlqRaw + dlqLabels > 0);
        Statistics.label("joined").collect(cleanJoined > 1);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fuzz-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.sgdscope.streams.support;

import io.sgdscope.common.LabelRecord;
import io.sgdscope.common.Sample;
import io.sgdscope.common.codec.JsonLabelCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.drift.DriftStats;
import io.sgdscope.common.topic.DlqHeaders;
import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.StreamsAppConfig;
import io.sgdscope.streams.topology.ExtraInputs;
import io.sgdscope.streams.topology.StreamsAppStats;
import io.sgdscope.streams.topology.StreamsTopology;
import io.sgdscope.streams.topology.TopologyNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology on a {@link TopologyTestDriver}, with typed test topics. */
public final class AppDriver implements AutoCloseable {

    public final Topics topics = new Topics("test.");
    public final StreamsAppConfig config;
    public final StreamsAppStats stats;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, byte[]> raw;
    public final TestInputTopic<String, byte[]> labels;
    public final TestOutputTopic<String, Sample> clean;
    public final TestOutputTopic<String, Sample> unlabeled;
    public final TestOutputTopic<String, byte[]> dlq;
    public final TestOutputTopic<String, DriftStats> drift;
    private final JsonSampleCodec json = new JsonSampleCodec();
    private final JsonLabelCodec labelJson = new JsonLabelCodec();

    /** @param settings config keys over the defaults, e.g. {@code streams.feature-dimension: 3} */
    public AppDriver(Map<String, String> settings, Path stateDir) {
        this(settings, stateDir, ExtraInputs.NONE);
    }

    /** @param extra inputs merged into the topology, as {@code ingest} adds them */
    public AppDriver(Map<String, String> settings, Path stateDir, ExtraInputs extra) {
        config = StreamsAppConfig.from(RawConfig.of(settings, "test")).withStateDir(stateDir);
        stats = StreamsAppStats.create(config);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(StreamsTopology.build(config, TopologyNames.of(topics), stats, extra), props);
        raw = driver.createInputTopic(topics.samplesRawBytes().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        labels = driver.createInputTopic(topics.labelsRawBytes().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        clean = driver.createOutputTopic(topics.samplesClean().name(), Serdes.String().deserializer(),
                topics.samplesClean().valueSerde().deserializer());
        unlabeled = driver.createOutputTopic(topics.samplesUnlabeled().name(), Serdes.String().deserializer(),
                topics.samplesUnlabeled().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.samplesDlq().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        drift = driver.createOutputTopic(topics.driftStats().name(), Serdes.String().deserializer(),
                topics.driftStats().valueSerde().deserializer());
    }

    /** Sends {@code s} as JSON with its event time as the record timestamp. */
    public void send(Sample s) {
        raw.pipeInput(s.stream(), json.encode(s), s.eventTimeMs());
    }

    public void sendLabel(LabelRecord l) {
        labels.pipeInput(l.sampleId(), labelJson.encode(l), l.eventTimeMs());
    }

    public static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String reason(TestRecord<String, byte[]> r) {
        return header(r, DlqHeaders.REASON);
    }

    @Override
    public void close() {
        driver.close();
    }
}

package io.sgdscope.streams.validation;

import io.sgdscope.common.codec.BinarySampleCodec;
import io.sgdscope.common.codec.JsonSampleCodec;
import io.sgdscope.common.topic.Topic;
import io.sgdscope.common.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * samples.raw (JSON bytes) ─▶ validate ─┬▶ samples.clean (binary)
 *                                       └▶ samples.dlq  (original bytes + reason headers)
 *
 * <p>The source is read as bytes, not through the JSON serde, so a record that does not parse
 * becomes a DLQ record instead of a deserialization failure.
 */
public final class ValidationTopology {

    static final String SOURCE = "raw-source";
    static final String VALIDATE = "validate";
    static final String CLEAN_SINK = "clean-sink";
    static final String DLQ_SINK = "dlq-sink";

    private ValidationTopology() {
    }

    public static Topology build(int featureDimension, Topics topics, ValidationStats stats) {
        Topic<String, byte[]> raw = topics.samplesRawBytes();
        Topic<String, byte[]> dlq = topics.samplesDlq();
        SampleValidator validator = new SampleValidator(new JsonSampleCodec(), featureDimension);
        BinarySampleCodec clean = new BinarySampleCodec();

        Topology t = new Topology();
        t.addSource(SOURCE, raw.keySerde().deserializer(), raw.valueSerde().deserializer(), raw.name());
        t.addProcessor(VALIDATE, () -> new ValidatingProcessor(validator, clean, stats, CLEAN_SINK, DLQ_SINK), SOURCE);
        t.addSink(CLEAN_SINK, topics.samplesClean().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer(), VALIDATE);
        t.addSink(DLQ_SINK, dlq.name(), dlq.keySerde().serializer(), dlq.valueSerde().serializer(), VALIDATE);
        return t;
    }
}

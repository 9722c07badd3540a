package io.sgdscope.streams.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * Copies bytes from one topic to another with no work in between: the Kafka-only baseline that
 * {@code sgdscope bench} compares the full pipeline against.
 */
public final class PassthroughTopology {

    private PassthroughTopology() {
    }

    public static Topology build(String input, String output) {
        Topology t = new Topology();
        t.addSource("in", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
        t.addSink("out", output, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "in");
        return t;
    }
}

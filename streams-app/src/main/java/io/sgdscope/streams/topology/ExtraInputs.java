package io.sgdscope.streams.topology;

import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * More inputs for the streams app, added to its builder before the topology is composed: sample
 * streams (values as on {@code samples.raw}: JSON or binary bytes) join the raw-sample path before
 * validation, label streams (values as on {@code labels.raw}) the label path. Extra samples pass
 * through a repartition by their key, so they must be keyed by stream; labels are re-keyed by
 * sample id anyway.
 */
public interface ExtraInputs {
    ExtraInputs NONE = (builder, names) -> new MergedInputs(List.of(), List.of());

    MergedInputs addTo(StreamsBuilder builder, TopologyNames names);

    record MergedInputs(List<KStream<String, byte[]>> samples, List<KStream<String, byte[]>> labels) {}
}

package io.sgdscope.streams.topology;

import io.sgdscope.common.topic.Topics;
import io.sgdscope.streams.wiring.RepartitionNames;
import io.sgdscope.streams.wiring.StoreNames;
import java.util.Objects;

/**
 * Every topic and store name the streams topology uses: {@link StreamsTopology} takes no name from
 * anywhere else. Node names, which no deployment sees, are {@link io.sgdscope.streams.wiring.NodeNames}.
 *
 * @param repartitions the names Kafka Streams builds its repartition topics from
 */
public record TopologyNames(Topics topics, StoreNames stores, RepartitionNames repartitions) {

    public TopologyNames {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(repartitions, "repartitions");
    }

    /** With the default repartition names. */
    public TopologyNames(Topics topics, StoreNames stores) {
        this(topics, stores, RepartitionNames.DEFAULT);
    }

    /** The deployment's topics with the default store names, which existing changelogs are named after. */
    public static TopologyNames of(Topics topics) {
        return new TopologyNames(topics, StoreNames.DEFAULT);
    }
}

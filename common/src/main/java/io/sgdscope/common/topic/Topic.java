package io.sgdscope.common.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A topic name tied to its key and value serdes, so it cannot be read with the wrong ones. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}

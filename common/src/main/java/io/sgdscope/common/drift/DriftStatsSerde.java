package io.sgdscope.common.drift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of {@code drift.stats} records; field names are the record's component names. */
public final class DriftStatsSerde {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DriftStatsSerde() {
    }

    public static byte[] encode(DriftStats stats) {
        try {
            return MAPPER.writeValueAsBytes(stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DriftStats decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, DriftStats.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a drift.stats record: " + e.getMessage(), e);
        }
    }

    public static Serde<DriftStats> serde() {
        Serializer<DriftStats> ser = (topic, s) -> s == null ? null : encode(s);
        Deserializer<DriftStats> de = (topic, b) -> b == null ? null : decode(b);
        return Serdes.serdeFrom(ser, de);
    }
}

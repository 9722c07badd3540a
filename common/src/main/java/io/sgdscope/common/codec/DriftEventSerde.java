package io.sgdscope.common.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgdscope.common.DriftEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for {@link DriftEvent}s on {@code drift.truth}:
 * <pre>{"stream":"s","sampleIndex":5000,"timeMs":1700000000000,"kind":"CONCEPT","phase":1,
 * "transition":"GRADUAL","gradualStartIndex":5000,"gradualEndIndex":6000,"teacherWeights":[0.1,...]}</pre>
 * {@code teacherWeights} is omitted when there is none. A null record maps to null both ways.
 */
public final class DriftEventSerde {

    public static final String STREAM = "stream";
    public static final String SAMPLE_INDEX = "sampleIndex";
    public static final String TIME_MS = "timeMs";
    public static final String KIND = "kind";
    public static final String PHASE = "phase";
    public static final String TRANSITION = "transition";
    public static final String GRADUAL_START = "gradualStartIndex";
    public static final String GRADUAL_END = "gradualEndIndex";
    public static final String TEACHER = "teacherWeights";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DriftEventSerde() {
    }

    public static Serde<DriftEvent> json() {
        Serializer<DriftEvent> ser = (topic, e) -> e == null ? null : encode(e);
        Deserializer<DriftEvent> de = (topic, bytes) -> bytes == null ? null : decode(bytes);
        return Serdes.serdeFrom(ser, de);
    }

    public static byte[] encode(DriftEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put(STREAM, e.stream());
        n.put(SAMPLE_INDEX, e.sampleIndex());
        n.put(TIME_MS, e.timeMs());
        n.put(KIND, e.kind().name());
        n.put(PHASE, e.phase());
        n.put(TRANSITION, e.transition().name());
        n.put(GRADUAL_START, e.gradualStartIndex());
        n.put(GRADUAL_END, e.gradualEndIndex());
        if (e.teacherWeights() != null) {
            ArrayNode w = n.putArray(TEACHER);
            for (float v : e.teacherWeights()) {
                w.add(v);
            }
        }
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException ex) {
            throw new SerializationException("cannot encode " + e, ex);
        }
    }

    public static DriftEvent decode(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new SerializationException("drift event must be a JSON object");
            }
            float[] w = null;
            JsonNode t = n.get(TEACHER);
            if (t != null && !t.isNull()) {
                w = new float[t.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) t.get(i).asDouble();
                }
            }
            return new DriftEvent(required(n, STREAM).asText(), required(n, SAMPLE_INDEX).asLong(),
                    required(n, TIME_MS).asLong(), DriftEvent.Kind.valueOf(required(n, KIND).asText()),
                    required(n, PHASE).asInt(), DriftEvent.Transition.valueOf(required(n, TRANSITION).asText()),
                    required(n, GRADUAL_START).asLong(), required(n, GRADUAL_END).asLong(), w);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot decode drift event "
                    + new String(bytes, StandardCharsets.UTF_8) + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }
}

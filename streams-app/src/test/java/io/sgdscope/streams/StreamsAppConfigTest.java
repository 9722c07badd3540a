package io.sgdscope.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.streams.StreamSchema.LabelTask;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

    private static StreamsAppConfig from(Map<String, String> m) {
        return StreamsAppConfig.from(RawConfig.of(m, "test.yaml"));
    }

    @Test
    void defaultsAreExactlyOnceWithLearnedLabelsAndDriftOn() {
        StreamsAppConfig c = from(Map.of());
        assertThat(c.guarantee()).isEqualTo(StreamsAppConfig.ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(c.toStreamsProperties(new KafkaClientConfig("k:9092", Map.of())).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("exactly_once_v2");
        assertThat(c.schemaFor("any")).isEqualTo(new StreamSchema(64, LabelTask.LEARN));
        assertThat(c.joinWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.standardize()).isFalse();
        assertThat(c.drift().window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void clientDefaultsTuneForLatencyAndThroughputAndTheUsersKafkaSettingsWin() {
        var props = from(Map.of()).toStreamsProperties(new KafkaClientConfig("k:9092", Map.of()));
        // Streams' own producer default lingers 100 ms: at-least-once latency would be bounded by that, not by the work
        assertThat(props.get(StreamsConfig.producerPrefix("linger.ms"))).as("exactly-once: the commit flushes").isEqualTo(20);
        assertThat(from(Map.of(StreamsAppConfig.GUARANTEE, "at-least-once"))
                .toStreamsProperties(new KafkaClientConfig("k:9092", Map.of())).get(StreamsConfig.producerPrefix("linger.ms")))
                .as("at-least-once: visible once written").isEqualTo(1);
        assertThat(props.get(StreamsConfig.producerPrefix("retry.backoff.ms"))).isEqualTo(10);
        assertThat(props.get(StreamsConfig.consumerPrefix("max.poll.records"))).isEqualTo(5_000);
        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).as("exactly-once: latency").isEqualTo(50L);
        assertThat(from(Map.of(StreamsAppConfig.GUARANTEE, "at-least-once"))
                .toStreamsProperties(new KafkaClientConfig("k:9092", Map.of())).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .as("at-least-once: offsets only").isEqualTo(100L);
        // a read_committed fetch parked at the last stable offset waits this long at most, not Kafka's 500 ms
        assertThat(props.get(StreamsConfig.consumerPrefix("fetch.max.wait.ms")))
                .isEqualTo(KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS);
        assertThat(KafkaClientConfig.READ_COMMITTED_FETCH_WAIT_MS).isLessThan(500);
        var tuned = from(Map.of(StreamsAppConfig.COMMIT_INTERVAL, "1s")).toStreamsProperties(
                new KafkaClientConfig("k:9092", Map.of(StreamsConfig.producerPrefix("linger.ms"), "20")));
        assertThat(tuned.get(StreamsConfig.producerPrefix("linger.ms"))).isEqualTo("20");
        assertThat(tuned.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
    }

    @Test
    void perStreamSettingsOverrideTheDefaults() {
        StreamsAppConfig c = from(Map.of("streams.classes", "3", "streams.streams.prices.classes", "regression",
                "streams.streams.images.feature-dimension", "784"));
        assertThat(c.schemaFor("prices")).isEqualTo(new StreamSchema(64, LabelTask.REGRESSION));
        assertThat(c.schemaFor("images")).isEqualTo(new StreamSchema(784, LabelTask.classes(3)));
        assertThat(c.schemaFor("other")).isEqualTo(new StreamSchema(64, LabelTask.classes(3)));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> from(Map.of("streams.classes", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.classes"))
                .hasMessageContaining("test.yaml");
        assertThatThrownBy(() -> from(Map.of("streams.streams.x.colour", "red")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.streams.x.colour"));
        assertThatThrownBy(() -> from(Map.of("streams.streams.x.feature-dimension", "-1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.streams.x.feature-dimension"));
        assertThatThrownBy(() -> from(Map.of("streams.drift.bins", "1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.drift.bins"));
        assertThatThrownBy(() -> from(Map.of("streams.drift.window", "0s")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.drift.window"));
        assertThatThrownBy(() -> from(Map.of("streams.processing-guarantee", "maybe")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("streams.processing-guarantee"));
    }

    @Test
    void atLeastOnceIsSelectable() {
        assertThat(from(Map.of("streams.processing-guarantee", "at-least-once"))
                .toStreamsProperties(new KafkaClientConfig("k:9092", Map.of())).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("at_least_once");
    }
}

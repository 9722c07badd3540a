package io.sgdscope.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.producers.sink.SampleProducers;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProduceConfigTest {

    @Test
    void batchingAndCompressionReachTheKafkaProducerWithDurableDefaults() {
        ProduceConfig cfg = ProduceConfig.from(RawConfig.of(Map.of(ProduceConfig.BATCH_SIZE, "65536",
                ProduceConfig.LINGER, "20ms", ProduceConfig.COMPRESSION, "lz4"), "test"));
        assertThat(cfg.linger()).isEqualTo(Duration.ofMillis(20));
        Map<String, Object> props = SampleProducers.durableDefaults("c", cfg.batchSizeBytes(), cfg.linger().toMillis(),
                cfg.compression());
        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65536)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ProduceConfig.from(RawConfig.of(Map.of(ProduceConfig.COMPRESSION, "brotli"), "f.yaml:3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("producer.compression")
                .hasMessageContaining("zstd").hasMessageContaining("f.yaml:3");
        assertThatThrownBy(() -> ProduceConfig.from(RawConfig.of(Map.of(ProduceConfig.PROGRESS_INTERVAL, "often"), "env")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("producer.progress-interval");
    }

    @Test
    void theFormatPicksTheCodecOnSamplesRawAndDefaultsToBinary() {
        io.sgdscope.common.topic.Topics topics = new io.sgdscope.common.topic.Topics("");
        io.sgdscope.common.Sample s = new io.sgdscope.common.Sample("a", "s", 1, new float[] {1f, 2f},
                io.sgdscope.common.Label.ofClass(1), null);
        ProduceConfig binary = ProduceConfig.from(RawConfig.empty());
        assertThat(binary.format()).isEqualTo(ProduceConfig.Format.BINARY);
        byte[] bytes = binary.rawTopic(topics).valueSerde().serializer().serialize("samples.raw", s);
        assertThat(new io.sgdscope.common.codec.BinarySampleCodec().decode(bytes)).isEqualTo(s);
        ProduceConfig json = ProduceConfig.from(RawConfig.of(Map.of(ProduceConfig.FORMAT, "json"), "test"));
        byte[] text = json.rawTopic(topics).valueSerde().serializer().serialize("samples.raw", s);
        assertThat(new io.sgdscope.common.codec.JsonSampleCodec().decode(text)).isEqualTo(s);
        assertThat(json.rawTopic(topics).name()).isEqualTo(binary.rawTopic(topics).name());
        assertThatThrownBy(() -> ProduceConfig.from(RawConfig.of(Map.of(ProduceConfig.FORMAT, "xml"), "test")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("producer.format");
    }
}

package io.sgdscope.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.RawConfig;
import io.sgdscope.common.topic.TopicLayout;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/** The check of existing topics against {@code topics.partitions} and {@code topics.replication-factor}. */
class TopicSetupTest {

    private static TopicDescription topic(String name, int partitions, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas).mapToObj(i -> new Node(i, "b" + i, 9092)).toList();
        List<TopicPartitionInfo> ps = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartitionInfo(p, nodes.get(0), nodes, nodes)).toList();
        return new TopicDescription(name, false, ps, java.util.Set.of(), Uuid.randomUuid());
    }

    @Test
    void topicsAsConfiguredPass() {
        assertThat(TopicSetup.mismatches(List.of(topic("a", 4, 3), topic("b", 4, 3)), new TopicLayout(4, (short) 3))).isEmpty();
    }

    @Test
    void aMismatchNamesTheTopicBothCountsAndWhatToDo() {
        List<TopicSetup.Mismatch> m = TopicSetup.mismatches(List.of(topic("samples.raw", 1, 1), topic("ok", 4, 1)),
                new TopicLayout(4, (short) 1));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).key()).isEqualTo(TopicLayout.PARTITIONS);
        assertThat(m.get(0).message()).contains("'samples.raw'", "has 1 partition(s)", "topics.partitions is 4",
                "set topics.partitions to 1");

        List<TopicSetup.Mismatch> rf = TopicSetup.mismatches(List.of(topic("labels.raw", 2, 1)), new TopicLayout(2, (short) 3));
        assertThat(rf).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo(TopicLayout.REPLICATION_FACTOR);
            assertThat(x.message()).contains("'labels.raw'", "replication factor 1", "topics.replication-factor is 3");
        });
    }

    @Test
    void theLayoutDefaultsToOneAndOneAndRefusesNonsenseNamingTheKey() {
        assertThat(TopicLayout.from(RawConfig.empty())).isEqualTo(TopicLayout.SINGLE);
        assertThat(TopicLayout.from(RawConfig.of(Map.of("topics.partitions", "8", "topics.replication-factor", "3"), "t")))
                .isEqualTo(new TopicLayout(8, (short) 3));
        assertThatThrownBy(() -> TopicLayout.from(RawConfig.of(Map.of("topics.partitions", "0"), "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topics.partitions");
        assertThatThrownBy(() -> TopicLayout.from(RawConfig.of(Map.of("topics.replication-factor", "-1"), "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topics.replication-factor");
    }
}

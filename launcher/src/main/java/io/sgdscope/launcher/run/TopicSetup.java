package io.sgdscope.launcher.run;

import io.sgdscope.common.config.ConfigException;
import io.sgdscope.common.config.KafkaClientConfig;
import io.sgdscope.common.topic.TopicLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics where missing and waits until every partition has a leader. With
 * a {@link TopicLayout} (what the commands use), topics are created with its partitions and
 * replication factor, and topics that already exist are checked against it: a mismatch fails
 * before anything starts, since a stream's partition, and so which task and trainer own it,
 * depends on the partition count.
 */
public final class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * Creates the missing topics with {@code partitions} partitions and the cluster's default
     * replication; existing topics are left as they are (tests that lay topics out themselves).
     */
    public static void ensureTopics(KafkaClientConfig kafka, Collection<String> names, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        ensure(kafka, names, partitions, Optional.empty(), null);
    }

    /**
     * Creates the missing topics as {@code layout} says, and checks the existing ones.
     *
     * @throws ConfigException naming the topic, its actual and the configured counts, and what to do
     */
    public static void ensureTopics(KafkaClientConfig kafka, Collection<String> names, TopicLayout layout) {
        ensure(kafka, names, layout.partitions(), Optional.of(layout.replicationFactor()), layout);
    }

    private static void ensure(KafkaClientConfig kafka, Collection<String> names, int partitions,
                               Optional<Short> replicationFactor, TopicLayout check) {
        Set<String> topics = new LinkedHashSet<>(names);
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(kafka.toProperties(Map.of()))) {
            List<NewTopic> wanted = topics.stream()
                    .map(n -> new NewTopic(n, Optional.of(partitions), replicationFactor))
                    .toList();
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topics);
            if (check != null) {
                List<Mismatch> problems = mismatches(admin.describeTopics(topics).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values(), check);
                if (!problems.isEmpty()) {
                    throw new ConfigException(problems.get(0).key(),
                            String.join("; ", problems.stream().map(Mismatch::message).toList()));
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics " + topics + " were not ready on " + kafka.bootstrapServers()
                    + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** @param key the setting the existing topic contradicts */
    public record Mismatch(String key, String message) {
    }

    /**
     * What differs between existing topics and {@code layout}, one per difference, each naming the
     * topic, its actual and the configured count, and what to do.
     */
    public static List<Mismatch> mismatches(Collection<TopicDescription> existing, TopicLayout layout) {
        List<Mismatch> problems = new ArrayList<>();
        for (TopicDescription d : existing) {
            int partitions = d.partitions().size();
            if (partitions != layout.partitions()) {
                problems.add(new Mismatch(TopicLayout.PARTITIONS, "topic '" + d.name() + "' has " + partitions + " partition(s) but " + TopicLayout.PARTITIONS
                        + " is " + layout.partitions() + ": set " + TopicLayout.PARTITIONS + " to " + partitions
                        + ", or use new topics (another topics.prefix) with " + layout.partitions()
                        + " partitions (adding partitions to a topic in use moves streams between partitions and "
                        + "strands the streams app's state)"));
            }
            int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            if (replicas != layout.replicationFactor()) {
                problems.add(new Mismatch(TopicLayout.REPLICATION_FACTOR, "topic '" + d.name() + "' has replication factor " + replicas + " but "
                        + TopicLayout.REPLICATION_FACTOR + " is " + layout.replicationFactor() + ": set "
                        + TopicLayout.REPLICATION_FACTOR + " to " + replicas
                        + ", or change the topic's replicas with kafka-reassign-partitions.sh"));
            }
        }
        return problems;
    }

    /** The controller acknowledges a creation before the broker has loaded the partitions. */
    private static void awaitLeaders(Admin admin, Set<String> topics) throws InterruptedException, TimeoutException {
        Polling.await(TIMEOUT, Duration.ofMillis(50), () -> admin.describeTopics(topics).allTopicNames()
                .get(2, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
}
